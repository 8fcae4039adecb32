## Referrals
