package io.rung.broker.bench;

/**
 * One load shape: how many publishers and subscribers, how topics connect them, QoS and payload size.
 *
 * @param maxMessages upper bound of messages each run publishes in total, across publishers
 */
record Scenario(String name, Pattern pattern, int clients, int qos, int payloadSize, long maxMessages) {
    /** How publishers and subscribers are wired. */
    enum Pattern {
        /** {@code clients} publishers, one subscriber to all of them. */
        FAN_IN,
        /** One publisher, {@code clients} subscribers to it. */
        FAN_OUT,
        /** {@code clients} publisher/subscriber pairs, each pair on its own topic. */
        PAIRS
    }

    int publishers() {
        return pattern == Pattern.FAN_OUT ? 1 : clients;
    }

    int subscribers() {
        return pattern == Pattern.FAN_IN ? 1 : clients;
    }

    /** Topics carry the run id, so traffic a broker still processes from an earlier run cannot reach this one. */
    String topicOf(String run, int publisher) {
        return switch (pattern) {
            case FAN_IN -> "bench/" + run + "/in/" + publisher;
            case FAN_OUT -> "bench/" + run + "/out";
            case PAIRS -> "bench/" + run + "/pair/" + publisher;
        };
    }

    String filterOf(String run, int subscriber) {
        return switch (pattern) {
            case FAN_IN -> "bench/" + run + "/in/+";
            case FAN_OUT -> "bench/" + run + "/out";
            case PAIRS -> "bench/" + run + "/pair/" + subscriber;
        };
    }

    /** The publishers whose messages a subscriber must receive. */
    int[] sourcesOf(int subscriber) {
        return switch (pattern) {
            case FAN_IN -> java.util.stream.IntStream.range(0, clients).toArray();
            case FAN_OUT -> new int[] {0};
            case PAIRS -> new int[] {subscriber};
        };
    }

    String label() {
        return name + " QoS " + qos;
    }
}
