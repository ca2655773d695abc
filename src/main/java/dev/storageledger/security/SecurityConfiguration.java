package dev.storageledger.security;

import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what (api.md "Authentication and roles"). Users' surfaces (Cloudreve's /api/v4, Cocoon's /api/v1)
 * take bearer tokens; everything else takes HTTP Basic keys: reads need a key, writes need the administrator,
 * except that a customer's key may manage that customer's keys, users and storage packs. Which customer a key
 * may reach is checked by {@link Access} in the controllers. What a refused request is answered is the web layer's
 * {@link Refusals}. The dashboard's static files are anonymous and served with a strict Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String REALM = "storage-ledger";
    static final String CAPACITY = "/api/v4/user/capacity";
    /**
     * The dashboard's policy: its own scripts, styles, images and API alone; no inline script or style, no eval, no
     * frame, no form submitted (its script handles them), and DOM sinks that take strings (innerHTML and the like)
     * refused.
     */
    static final String DASHBOARD_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "require-trusted-types-for 'script'";

    /**
     * Cloudreve's capacity: the ledger's own access tokens, and also those of the Cloudreve site when one is configured
     * ({@link CloudreveTokens}); refusals as on the rest of Cloudreve's surface. No other path takes the site's tokens.
     */
    @Bean
    @Order(0)
    SecurityFilterChain cloudreveCapacity(HttpSecurity http, TokenService tokens, UserSessions sessions, CloudreveTokens cloudreve,
            Refusals refusals) throws Exception {
        AuthenticationEntryPoint unauthorized = unauthenticated(Surface.CLOUDREVE, refusals);
        AccessDeniedHandler forbidden = forbidden(Surface.CLOUDREVE, refusals);
        return stateless(http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, CAPACITY)))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(cloudreve.decoder(tokens.accessTokens())).jwtAuthenticationConverter(cloudreve.converter(sessions)))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    /**
     * Cloudreve's surface: bearer access tokens; every refusal keeps HTTP 200 and Cloudreve's envelope. Only login
     * and refresh need no token.
     */
    @Bean
    @Order(1)
    SecurityFilterChain cloudreve(HttpSecurity http, TokenService tokens, UserSessions sessions, Refusals refusals)
            throws Exception {
        return bearer(http.securityMatcher("/api/v4/**"), tokens, sessions, unauthenticated(Surface.CLOUDREVE, refusals),
                forbidden(Surface.CLOUDREVE, refusals))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v4/session/token", "/api/v4/session/token/refresh").permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    /** Cocoon's surface: bearer access tokens; refusals are problem answers. Roles are checked by the controller. */
    @Bean
    @Order(2)
    SecurityFilterChain cocoon(HttpSecurity http, TokenService tokens, UserSessions sessions, Refusals refusals)
            throws Exception {
        return bearer(http.securityMatcher("/api/v1/**"), tokens, sessions, challenge("Bearer", Surface.COCOON, refusals),
                forbidden(Surface.COCOON, refusals))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    /** Refuses a request without valid credentials with the surface's answer alone. */
    private static AuthenticationEntryPoint unauthenticated(Surface surface, Refusals refusals) {
        return (request, response, exception) -> refusals.unauthenticated(surface, request, response, exception);
    }

    /** Refuses a request without valid credentials with the scheme's challenge, then the surface's answer. */
    private static AuthenticationEntryPoint challenge(String scheme, Surface surface, Refusals refusals) {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=\"" + REALM + "\"");
            refusals.unauthenticated(surface, request, response, exception);
        };
    }

    private static AccessDeniedHandler forbidden(Surface surface, Refusals refusals) {
        return (request, response, exception) -> refusals.forbidden(surface, request, response, exception);
    }

    private static HttpSecurity bearer(HttpSecurity http, TokenService tokens, UserSessions sessions,
            AuthenticationEntryPoint unauthorized, AccessDeniedHandler forbidden) throws Exception {
        return stateless(http)
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(tokens.accessTokens()).jwtAuthenticationConverter(sessions))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                // The security headers are written before the request is handled, not when its answer is committed: a
                // HEAD that is forwarded (/dashboard/ to its index.html) is committed by the container, past the writer.
                .headers(headers -> headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
    }

    /**
     * The dashboard: static files, anonymous (everything it shows it reads from the API with the visitor's own
     * credentials, which it keeps in memory only), served with the strict policy above. Its matcher is disjoint from
     * every other chain's but the last's, which takes every other request.
     */
    @Bean
    @Order(3)
    SecurityFilterChain dashboard(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher("/dashboard", "/dashboard/**"))
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(DASHBOARD_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny())
                        .crossOriginOpenerPolicy(opener -> opener.policy(
                                CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * Everything else: HTTP Basic keys, and also the ledger's own bearer access tokens, with which an organisation
     * administrator reads their customer's resources ({@link Access#requireReader}); a token writes nothing here.
     */
    @Bean
    @Order(4)
    SecurityFilterChain api(HttpSecurity http, KeyAuthenticationProvider keys, AuthenticationThrottle throttle, TokenService tokens,
            UserSessions sessions, Refusals refusals) throws Exception {
        AuthenticationEntryPoint unauthorized = challenge("Basic", Surface.KEYS, refusals);
        AccessDeniedHandler forbidden = forbidden(Surface.KEYS, refusals);
        JwtAuthenticationProvider users = new JwtAuthenticationProvider(tokens.accessTokens());
        users.setJwtAuthenticationConverter(sessions);
        return stateless(http)
                .authenticationManager(new ProviderManager(keys))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.authenticationManager(new ProviderManager(users)))
                        .authenticationEntryPoint(challenge("Bearer", Surface.KEYS, refusals))
                        .accessDeniedHandler(forbidden))
                // Refuses a locked-out address before its credentials are checked; the details carry the address the
                // provider counts a failure against.
                .addFilterBefore(new BasicAuthenticationThrottleFilter(throttle, refusals), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized)
                        .authenticationDetailsSource(throttle::client))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(KeyAuthenticationProvider.ADMIN)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(reads("/", "/contexts/*", "/storagePolicies", "/storagePolicies/*", "/.well-known/jwks.json")).permitAll()
                        // A customer's key manages its customer's keys, users and their packs and webhooks, and starts
                        // its recalculations (checked by Access).
                        .requestMatchers(HttpMethod.POST, "/customers/*/keys", "/customers/*/users/*/storagePacks", "/customers/*/webhooks",
                                "/customers/*/storage/recalculations", "/customers/*/spaces/*/storage/recalculations").authenticated()
                        .requestMatchers(HttpMethod.PUT, "/customers/*/users/*").authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/customers/*/keys/*", "/customers/*/users/*",
                                "/customers/*/users/*/storagePacks/*", "/customers/*/webhooks/*").authenticated()
                        .requestMatchers(reads("/storage/**")).hasRole(KeyAuthenticationProvider.ADMIN)
                        .requestMatchers(reads("/**")).authenticated()
                        .anyRequest().hasRole(KeyAuthenticationProvider.ADMIN))
                .build();
    }

    /**
     * GET and HEAD of these paths: a HEAD is answered as its GET is, without the body, so whoever may GET a resource
     * may HEAD it (anonymously where the GET is anonymous).
     */
    private static RequestMatcher[] reads(String... patterns) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return Arrays.stream(patterns)
                .flatMap(pattern -> Stream.of(paths.matcher(HttpMethod.GET, pattern), paths.matcher(HttpMethod.HEAD, pattern)))
                .toArray(RequestMatcher[]::new);
    }
}
