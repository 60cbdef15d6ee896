package dev.authmd.protocol.internal.authmd;

/** Wire strings of docs/protocol.md#v01-2 (§2–§3) shared by the renderer and the parser. */
public final class Wire {

    /** {@code type} / {@code identity_types_supported} value for anonymous registration. */
    public static final String ANONYMOUS = "anonymous";
    /** {@code type} / {@code identity_types_supported} value for identity assertions. */
    public static final String IDENTITY_ASSERTION = "identity_assertion";
    /** {@code assertion_type} of an ID-JAG. */
    public static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";
    /** {@code assertion_type} of a verified email. */
    public static final String VERIFIED_EMAIL = "verified_email";
    /** {@code typ} header of an ID-JAG. */
    public static final String ID_JAG_TYP = "oauth-id-jag+jwt";
    /** {@code typ} header of a logout token. */
    public static final String LOGOUT_TYP = "logout+jwt";
    /** Content type of a bare logout token. */
    public static final String LOGOUT_CONTENT_TYPE = "application/logout+jwt";

    private Wire() {}
}
