package dev.storageledger.web;

import dev.storageledger.security.UserSessions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A web-slice test of some controllers: Spring MVC, the controllers named, every controller advice, and the web
 * layer's own beans ({@link WebSliceConfiguration}); each test class adds hand-written fakes of what its controllers
 * call.
 *
 * <p>The security filters are off. The real filter chains need keys, signing keys and users' sessions from the
 * database, and AuthorizationMatrixIntegrationTest tests them against it; a slice tests how the web layer maps
 * requests and outcomes. Each test puts the principal its controllers expect in the security context (a
 * {@code Caller} for keys, a {@code UserPrincipal} for bearer tokens) with {@link SignedIn}, so that the controllers'
 * own checks ({@code Access}, {@code @AuthenticationPrincipal}) run as they do behind the filters. Spring Security's
 * MVC support (the resolver of {@code @AuthenticationPrincipal}) comes, as in the service, with Boot's web security
 * auto-configuration, which the slice of Boot 4 brings only with spring-boot-security-test: it is imported here.
 *
 * <p>{@link UserSessions} is left out of the scan: it is a {@code Converter}, which the slice would take for a web
 * component, and it needs the accounts and the token service. A test whose controller needs it provides a fake.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = UserSessions.class))
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration(ServletWebSecurityAutoConfiguration.class)
@Import(WebSliceConfiguration.class)
public @interface WebSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
