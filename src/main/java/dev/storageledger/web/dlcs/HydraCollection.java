package dev.storageledger.web.dlcs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.failure.Failure;
import dev.storageledger.web.JsonLd;
import java.util.List;

/** A page of a Hydra collection, as DLCS pages its collections. */
@JsonPropertyOrder({"@context", "@id", "@type", "totalItems", "pageSize", "member", "view"})
public record HydraCollection<T>(
        @JsonProperty("@context") String context,
        @JsonProperty("@id") String id,
        @JsonProperty("@type") String type,
        long totalItems,
        int pageSize,
        List<T> member,
        View view) {

    public HydraCollection {
        member = List.copyOf(member);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@id", "@type", "page", "pageSize", "totalPages", "first", "previous", "next", "last"})
    public record View(
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            int page,
            int pageSize,
            long totalPages,
            String first,
            String previous,
            String next,
            String last) {
    }

    /** A paging parameter (page, pageSize): an integer from 1 to {@code maximum}, else 400 naming it. */
    public static int pageParameter(String name, String value, int maximum) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= maximum) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Failure.invalid(name + ": must be an integer from 1 to " + maximum + ", not '" + value + "'");
    }

    /** The page {@code page} (from 1) of {@code pageSize} items of the collection at {@code url}. */
    public static <T> HydraCollection<T> page(String base, String url, List<T> members, long totalItems, int page, int pageSize) {
        long totalPages = Math.max(1, (totalItems + pageSize - 1) / pageSize);
        View view = new View(pageUrl(url, page, pageSize), "PartialCollectionView", page, pageSize, totalPages,
                pageUrl(url, 1, pageSize), page > 1 ? pageUrl(url, page - 1, pageSize) : null,
                page < totalPages ? pageUrl(url, page + 1, pageSize) : null, pageUrl(url, totalPages, pageSize));
        return new HydraCollection<>(JsonLd.context(base, "Collection"), url, "Collection", totalItems, pageSize, members, view);
    }

    private static String pageUrl(String url, long page, int pageSize) {
        return url + "?page=" + page + "&pageSize=" + pageSize;
    }
}
