"""Open Badges 3.0: every certificate is also an `OpenBadgeCredential`, signed as a VC-JWT.

- `keys`: the issuer's signing keys (settings `OPENBADGES_SIGNING_KEYS`, first = active), their
  public JWKs and `kid`s, published as a JWKS so that keys can rotate;
- `credentials`: the issuer profile, a path's achievement, and the credential of a certificate,
  signed with the active key;
- `verification`: checks a submitted VC-JWT (signature against the published keys, issuer,
  dates, and the certificate's revocation) for the public endpoint `POST /openbadges/verify`.

Published URLs (learners/urls_certificates.py): issuer profile `/openbadges/issuer`, JWKS
`/openbadges/jwks.json`, one key `/openbadges/keys/<thumbprint>`, achievements
`/openbadges/achievements/<path id>`, status `/certificats/statut/<public id>`.
"""
