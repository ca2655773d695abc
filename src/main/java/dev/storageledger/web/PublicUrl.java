package dev.storageledger.web;

import dev.storageledger.PublicUrlSetting;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The base of every "@id": the LEDGER_PUBLIC_URL setting when set, otherwise the request's scheme, host and port
 * (Forwarded and X-Forwarded-* are applied to the request by the server's forwarded-header handling).
 */
@Component
public class PublicUrl {

    private final String configured;

    PublicUrl(PublicUrlSetting setting) {
        String url = setting.value();
        this.configured = url == null || url.isBlank() ? null : stripTrailingSlash(url.trim());
    }

    /** The LEDGER_PUBLIC_URL setting (without a trailing slash), when it is set. */
    public Optional<String> configured() {
        return Optional.ofNullable(configured);
    }

    public String base(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        return stripTrailingSlash(ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString());
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
