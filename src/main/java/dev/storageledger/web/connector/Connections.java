package dev.storageledger.web.connector;

/** How full the server's connections are, against the connections it keeps open (LEDGER_MAX_CONNECTIONS, Tomcat's maxConnections). */
final class Connections {

    private Connections() {
    }

    /**
     * Whether the server is full: the connection just accepted took the last of maxConnections, so the next would wait
     * in the backlog. Below that nothing is ended early: closing them sooner only makes their senders reconnect sooner,
     * which costs more than holding them.
     */
    static boolean crowded(long open, int maximum) {
        return maximum > 0 && open >= maximum;
    }

    /** Whether the server has half of its connections open: from then on, slow holders get no new connection. */
    static boolean busy(long open, int maximum) {
        return maximum > 0 && open >= Math.max(1, maximum / 2);
    }
}
