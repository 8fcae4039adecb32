//! Services end to end (issue 19). Scaffold laid by the lead.
