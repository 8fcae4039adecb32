//! Referrals (issue 19): the vocabulary and rules. Scaffold laid by the lead.
