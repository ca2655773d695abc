package dev.storageledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where the service listens and how to log in, once it is ready. */
@Component
class StartupMessage {

    private static final Logger log = LoggerFactory.getLogger(StartupMessage.class);

    private final LedgerProperties.Admin admin;

    StartupMessage(LedgerProperties.Admin admin) {
        this.admin = admin;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        String url = "http://localhost:" + web.getWebServer().getPort();
        String secret = admin.secretConfigured() ? "the secret in LEDGER_ADMIN_SECRET"
                : "the secret printed at this data folder's first start";
        log.info("Storage Ledger is listening on {} (API docs: {}/swagger-ui.html, health: {}/actuator/health). "
                + "Log in as administrator with HTTP Basic: key '{}' and {}.", url, url, url, admin.key(), secret);
    }
}
