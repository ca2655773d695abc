package dev.storageledger.security;

import dev.storageledger.api.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Who may do what (api.md "Authentication and roles"): reads need a key, writes need the administrator, except
 * that a customer's key may manage that customer's keys. Which customer a key may read is checked by
 * {@link Access} in the controllers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String REALM = "storage-ledger";

    @Bean
    SecurityFilterChain api(HttpSecurity http, KeyAuthenticationProvider keys, ProblemResponses problems) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "This resource needs HTTP Basic credentials: a key and its secret");
        };
        AccessDeniedHandler forbidden = (request, response, exception) -> problems.write(request, response,
                HttpStatus.FORBIDDEN, "Forbidden", "Only the administrator may do this");
        return http
                .authenticationManager(new ProviderManager(keys))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(KeyAuthenticationProvider.ADMIN)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/contexts/*", "/storagePolicies", "/storagePolicies/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/customers/*/keys").authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/customers/*/keys/*").authenticated()
                        .requestMatchers(HttpMethod.GET, "/**").authenticated()
                        .anyRequest().hasRole(KeyAuthenticationProvider.ADMIN))
                .build();
    }
}
