package dev.authmd.core.metadata;

/** Documents the metadata tests read: the published reference samples and a later-version shape. */
final class MetadataFixtures {

    /** The PRM of the auth.md v0.1 reference sample service. */
    static final String REFERENCE_PRM = """
            {"resource":"https://api.example.com","authorization_servers":["https://api.example.com"],\
            "scopes_supported":["api.read","api.write"],"bearer_methods_supported":["header"],\
            "resource_name":"Example API","resource_logo_uri":"https://api.example.com/logo.png"}""";

    /** The AS metadata of the auth.md v0.1 reference sample service (no issuer). */
    static final String REFERENCE_AS = """
            {"resource":"https://api.example.com","authorization_servers":["https://api.example.com"],
             "scopes_supported":["api.read","api.write"],"bearer_methods_supported":["header"],
             "resource_name":"Example",
             "agent_auth":{"skill":"https://api.example.com/auth.md",
               "register_uri":"https://api.example.com/agent/auth",
               "claim_uri":"https://api.example.com/agent/auth/claim",
               "revocation_uri":"https://api.example.com/agent/auth/revoke",
               "identity_types_supported":["anonymous","identity_assertion"],
               "anonymous":{"credential_types_supported":["api_key"]},
               "identity_assertion":{"assertion_types_supported":["urn:ietf:params:oauth:token-type:id-jag","verified_email"],
                 "credential_types_supported":["access_token","api_key"]},
               "events_supported":["https://schemas.workos.com/events/agent/auth/identity/assertion/revoked"]}}""";

    /**
     * An AS document in the shape of a later protocol version (PROTOCOL.md §10): RFC 8414
     * endpoints, new agent_auth members, unknown members inside the nested objects, numbers of
     * every kind and a JSON null. Members are deliberately out of the canonical order.
     */
    static final String LATER_AS = """
            {
              "agent_auth": {
                "version": "0.4",
                "identity_endpoint": "https://api.example.com/agent/identity",
                "skill": "https://api.example.com/auth.md",
                "identity_types_supported": ["anonymous", "identity_assertion", "service_auth"],
                "anonymous": {"claimable_by": ["user_code", "id-jag"], "credential_types_supported": ["api_key"]},
                "identity_assertion": {
                  "assertion_types_supported": ["urn:ietf:params:oauth:token-type:id-jag"],
                  "credential_types_supported": ["access_token"],
                  "require_fresh_auth_time": true,
                  "max_auth_age": 300
                },
                "service_auth": {"login_hint_supported": true, "methods": ["email"]},
                "user_code": {"verification_uri": "https://api.example.com/activate", "interval": 5,
                              "expires_in": 600, "ratio": 1.50, "big": 12345678901234567890, "tiny": -2.5e-10},
                "events_supported": ["https://schemas.openid.net/secevent/risc/event-type/sessions-revoked"],
                "delivery": null
              },
              "issuer": "https://api.example.com",
              "token_endpoint": "https://api.example.com/oauth2/token",
              "grant_types_supported": ["urn:ietf:params:oauth:grant-type:jwt-bearer",
                                        "urn:ietf:params:oauth:grant-type:device_code"],
              "revocation_endpoint": "https://api.example.com/oauth2/revoke",
              "resource": "https://api.example.com",
              "authorization_servers": ["https://api.example.com"],
              "scopes_supported": [],
              "x_nested": {"a": [1, {"b": null}, [], {}], "c": false, "\u00e9t\u00e9": "\u2603"}
            }""";

    private MetadataFixtures() {
    }
}
