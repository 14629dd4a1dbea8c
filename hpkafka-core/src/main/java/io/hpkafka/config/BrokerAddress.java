package io.hpkafka.config;


import java.util.ArrayList;
import java.util.List;

/**
 * A broker's host and port, as given in the seeds or advertised by the broker in Metadata responses.
 *
 * @param host host name or IP literal (IPv6 literals without brackets)
 * @param port TCP port, 1-65535
 */
public record BrokerAddress(String host, int port) {

    /**
     * Parses a comma-separated seed list such as {@code "b1:9092,b2:9092"} or {@code "[::1]:9092"}.
     *
     * @param option the option name to report in errors
     * @param seeds the list; blanks around entries are ignored
     * @return one address per entry, in the given order
     * @throws InvalidConfigurationException if the list is empty or an entry is not {@code host:port}
     */
    public static List<BrokerAddress> parseList(String option, String seeds) {
        if (seeds == null || seeds.isBlank()) {
            throw new InvalidConfigurationException(option,
                    "no broker given; expected a comma-separated list of host:port, e.g. localhost:9092");
        }
        List<BrokerAddress> addresses = new ArrayList<>();
        for (String raw : seeds.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            addresses.add(parse(option, entry));
        }
        if (addresses.isEmpty()) {
            throw new InvalidConfigurationException(option, "no broker given in '" + seeds + "'");
        }
        return List.copyOf(addresses);
    }

    private static BrokerAddress parse(String option, String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new InvalidConfigurationException(option, "'" + entry + "' is not host:port");
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(option, "'" + entry + "' has a port that is not a number");
        }
        if (port < 1 || port > 65535 || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidConfigurationException(option, "'" + entry + "' is not a valid host:port");
        }
        return new BrokerAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
