package dev.storageledger.web;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * Every resource is JSON (JSON-LD compatible), whatever the Accept header asks: a write is never carried out
     * and then answered 406. A client that prefers application/ld+json gets that type named ({@link JsonLdMediaTypes}).
     * and then answered 406. The OpenAPI document's YAML form (/v3/api-docs.yaml) is the one answer of another type.
     */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer negotiation) {
        negotiation.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON,
                MediaType.parseMediaType("application/vnd.oai.openapi"));
    }

    /** Request bodies of type application/ld+json are read wherever application/json is (see {@link JsonLdMediaTypes}). */
    @Bean
    WebMvcRegistrations jsonLdRequestBodies() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new JsonLdMediaTypes.HandlerMapping();
            }
        };
    }
}
