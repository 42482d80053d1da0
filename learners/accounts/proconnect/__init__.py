"""ProConnect (formerly AgentConnect): the public agents' OpenID Connect login.

- `provider`: the protocol (discovery, authorize URL, token exchange, signed id_token and userinfo,
  end-session URL). Knows nothing of users.
- `identity`: the agent's identity read from the verified claims.
- `services`: finds or creates the campus agent for that identity.
- `session`: what the flow keeps in the browser session, and the allauth login and logout.
- `views` and `urls`: /comptes/proconnect/login/, callback/ and logout/.
"""
