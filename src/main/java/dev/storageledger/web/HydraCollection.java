package dev.storageledger.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.failure.Failure;
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

    /** The page asked for: {@code page} from 1, {@code pageSize} from 1 to {@link #MAXIMUM_PAGE_SIZE}. */
    public record Paging(int page, int pageSize) {

        public static final int MAXIMUM_PAGE_SIZE = 1000;

        /** The paging parameters as a request gives them (defaults "1" and "100"), each checked (400 naming it). */
        public static Paging of(String page, String pageSize) {
            return new Paging(pageParameter("page", page, Integer.MAX_VALUE), pageParameter("pageSize", pageSize, MAXIMUM_PAGE_SIZE));
        }

        /** How many items come before this page. */
        public long offset() {
            return (long) (page - 1) * pageSize;
        }
    }

    /** The page {@code page} (from 1) of {@code pageSize} items of the collection at {@code url}. */
    public static <T> HydraCollection<T> page(String base, String url, List<T> members, long totalItems, int page, int pageSize) {
        return page(base, url, "", members, totalItems, new Paging(page, pageSize));
    }

    /**
     * A page of the collection at {@code url}, whose view's links keep {@code query} (the collection's own parameters,
     * such as "orderBy=usage", already encoded; empty for none) before the paging parameters.
     */
    public static <T> HydraCollection<T> page(String base, String url, String query, List<T> members, long totalItems, Paging paging) {
        int page = paging.page();
        int pageSize = paging.pageSize();
        String prefix = url + "?" + (query.isEmpty() ? "" : query + "&");
        long totalPages = Math.max(1, (totalItems + pageSize - 1) / pageSize);
        View view = new View(pageUrl(prefix, page, pageSize), "PartialCollectionView", page, pageSize, totalPages,
                pageUrl(prefix, 1, pageSize), page > 1 ? pageUrl(prefix, page - 1, pageSize) : null,
                page < totalPages ? pageUrl(prefix, page + 1, pageSize) : null, pageUrl(prefix, totalPages, pageSize));
        return new HydraCollection<>(JsonLd.context(base, "Collection"), url, "Collection", totalItems, pageSize, members, view);
    }

    private static String pageUrl(String prefix, long page, int pageSize) {
        return prefix + "page=" + page + "&pageSize=" + pageSize;
    }
}
