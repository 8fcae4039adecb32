//! Services (issue 19). Scaffold laid by the lead; the lane fills it in.
