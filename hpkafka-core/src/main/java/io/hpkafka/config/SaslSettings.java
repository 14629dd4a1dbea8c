package io.hpkafka.config;

import java.util.Objects;

/**
 * SASL credentials. The password is kept only to compute the mechanism's tokens: {@link #toString()} masks it, and
 * no log line or exception message of the client contains it.
 */
public final class SaslSettings {

    private final SaslMechanism mechanism;
    private final String username;
    private final String password;

    private SaslSettings(SaslMechanism mechanism, String username, String password) {
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
    }

    /**
     * @param mechanism PLAIN or SCRAM-SHA-256/512
     * @param username the SASL user; neither blank nor containing a NUL character
     * @param password the user's password; not empty
     * @return the settings
     * @throws InvalidConfigurationException naming {@code security.sasl.*} when a value is missing
     */
    public static SaslSettings of(SaslMechanism mechanism, String username, String password) {
        if (mechanism == null) {
            throw new InvalidConfigurationException("security.sasl.mechanism", "must not be null");
        }
        if (username == null || username.isBlank() || username.indexOf('\0') >= 0) {
            throw new InvalidConfigurationException("security.sasl.username", "must be a non-blank name");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidConfigurationException("security.sasl.password", "must not be empty");
        }
        return new SaslSettings(mechanism, username, password);
    }

    /** @return the mechanism */
    public SaslMechanism mechanism() {
        return mechanism;
    }

    /** @return the user name */
    public String username() {
        return username;
    }

    /** @return the password; never log it */
    public String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslSettings s && mechanism == s.mechanism && username.equals(s.username)
                && password.equals(s.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mechanism, username);
    }

    @Override
    public String toString() {
        return "SaslSettings{mechanism=" + mechanism + ", username=" + username + ", password=******}";
    }
}
