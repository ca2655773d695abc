package dev.storageledger.web;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.condition.MediaTypeExpression;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * JSON-LD's own media type, {@code application/ld+json}, on the ledger's JSON-LD surfaces (administration, DLCS and images):
 * a request body of that type is read wherever {@code application/json} is, and a client whose Accept prefers it is
 * answered with it (the same document: every resource is JSON-LD already). Errors stay
 * {@code application/problem+json}; Cloudreve's and Cocoon's surfaces stay plain JSON, as their clients expect.
 */
@ControllerAdvice(basePackages = {"dev.storageledger.web.admin", "dev.storageledger.web.dlcs", "dev.storageledger.web.image"})
class JsonLdMediaTypes implements ResponseBodyAdvice<Object> {

    static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

    private static final Set<String> JSON_LD_PACKAGES = Set.of("dev.storageledger.web.admin", "dev.storageledger.web.dlcs",
            "dev.storageledger.web.image");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(selected) && prefersJsonLd(request.getHeaders().getAccept())) {
            // The converter keeps a Content-Type set before it writes.
            response.getHeaders().setContentType(JSON_LD);
        }
        return body;
    }

    /**
     * Whether an Accept header asks for {@code application/ld+json} at least as much as for {@code application/json}
     * (by their quality values; a wildcard counts for neither).
     */
    static boolean prefersJsonLd(List<MediaType> accept) {
        double jsonLd = quality(accept, JSON_LD);
        return jsonLd > 0 && jsonLd >= quality(accept, MediaType.APPLICATION_JSON);
    }

    private static double quality(List<MediaType> accept, MediaType type) {
        return accept.stream().filter(type::equalsTypeAndSubtype).mapToDouble(MediaType::getQualityValue).max().orElse(0);
    }

    /**
     * Maps every handler of the JSON-LD surfaces that consumes {@code application/json} to consume
     * {@code application/ld+json} too (the OpenAPI document then lists both).
     */
    static final class HandlerMapping extends RequestMappingHandlerMapping {

        @Override
        protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
            RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
            if (info == null || !JSON_LD_PACKAGES.contains(handlerType.getPackageName())) {
                return info;
            }
            Set<MediaType> consumed = info.getConsumesCondition().getExpressions().stream()
                    .filter(expression -> !expression.isNegated()).map(MediaTypeExpression::getMediaType)
                    .collect(Collectors.toSet());
            if (!consumed.contains(MediaType.APPLICATION_JSON) || consumed.contains(JSON_LD)) {
                return info;
            }
            String[] withJsonLd = Stream.concat(consumed.stream(), Stream.of(JSON_LD)).map(MediaType::toString).toArray(String[]::new);
            return info.mutate().consumes(withJsonLd).build();
        }
    }
}
