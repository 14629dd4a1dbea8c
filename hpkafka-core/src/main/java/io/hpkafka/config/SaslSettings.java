package io.hpkafka.config;

import java.util.Objects;

/**
 * SASL credentials: a user name and password for PLAIN and SCRAM, or a token provider for OAUTHBEARER. The password
 * is kept only to compute the mechanism's tokens: {@link #toString()} masks it, and no log line or exception message
 * of the client contains it.
 */
public final class SaslSettings {

    private final SaslMechanism mechanism;
    private final String username;
    private final String password;
    private final OAuthBearerTokenProvider tokenProvider;

    private SaslSettings(SaslMechanism mechanism, String username, String password,
                         OAuthBearerTokenProvider tokenProvider) {
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
        this.tokenProvider = tokenProvider;
    }

    /**
     * @param tokenProvider asked for a token at every authentication (see {@link OAuthBearerTokenProvider})
     * @return OAUTHBEARER settings
     * @throws InvalidConfigurationException naming {@code security.sasl.tokenProvider} when it is null
     */
    public static SaslSettings oauthBearer(OAuthBearerTokenProvider tokenProvider) {
        if (tokenProvider == null) {
            throw new InvalidConfigurationException("security.sasl.tokenProvider", "must not be null");
        }
        return new SaslSettings(SaslMechanism.OAUTHBEARER, null, null, tokenProvider);
    }

    /**
     * @param mechanism PLAIN or SCRAM-SHA-256/512 (OAUTHBEARER: see {@link #oauthBearer})
     * @param username the SASL user; neither blank nor containing a NUL character
     * @param password the user's password; not empty
     * @return the settings
     * @throws InvalidConfigurationException naming {@code security.sasl.*} when a value is missing
     */
    public static SaslSettings of(SaslMechanism mechanism, String username, String password) {
        if (mechanism == null || mechanism == SaslMechanism.OAUTHBEARER) {
            throw new InvalidConfigurationException("security.sasl.mechanism", mechanism == null ? "must not be null"
                    : "OAUTHBEARER takes a token provider, not a user name and password");
        }
        if (username == null || username.isBlank() || username.indexOf('\0') >= 0) {
            throw new InvalidConfigurationException("security.sasl.username", "must be a non-blank name");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidConfigurationException("security.sasl.password", "must not be empty");
        }
        return new SaslSettings(mechanism, username, password, null);
    }

    /** @return the mechanism */
    public SaslMechanism mechanism() {
        return mechanism;
    }

    /** @return the user name, or null for OAUTHBEARER */
    public String username() {
        return username;
    }

    /** @return the token provider of OAUTHBEARER, else null */
    public OAuthBearerTokenProvider tokenProvider() {
        return tokenProvider;
    }

    /** @return the password (null for OAUTHBEARER); never log it */
    public String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslSettings s && mechanism == s.mechanism && Objects.equals(username, s.username)
                && Objects.equals(password, s.password) && Objects.equals(tokenProvider, s.tokenProvider);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mechanism, username);
    }

    @Override
    public String toString() {
        return mechanism == SaslMechanism.OAUTHBEARER ? "SaslSettings{mechanism=OAUTHBEARER}"
                : "SaslSettings{mechanism=" + mechanism + ", username=" + username + ", password=******}";
    }
}
