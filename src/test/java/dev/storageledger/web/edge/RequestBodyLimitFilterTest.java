package dev.storageledger.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.LedgerProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Which limit applies to a body, and that the batch limit holds the largest valid batch. */
class RequestBodyLimitFilterTest {

    private static final LedgerProperties.Bodies DEFAULTS = new LedgerProperties.Bodies(DataSize.ofMegabytes(1), DataSize.ofMegabytes(12));

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(null, DEFAULTS);

    @Test
    void a_batch_of_storage_records_has_the_batch_limit_and_every_other_body_the_ordinary_one() {
        assertThat(filter.limitOf(new MockHttpServletRequest("POST", "/customers/7/storageRecords"))).isEqualTo(12 * 1024 * 1024);
        assertThat(filter.limitOf(new MockHttpServletRequest("PUT", "/customers/7/storageRecords"))).isEqualTo(1024 * 1024);
        assertThat(filter.limitOf(new MockHttpServletRequest("POST", "/customers/7/storageRecords/x"))).isEqualTo(1024 * 1024);
        assertThat(filter.limitOf(new MockHttpServletRequest("POST", "/api/v4/session/token"))).isEqualTo(1024 * 1024);
        assertThat(filter.limitOf(new MockHttpServletRequest("PUT", "/customers/7/spaces/1/images/a"))).isEqualTo(1024 * 1024);
    }

    /**
     * 10,000 records with every field at its largest (ids and owners of 200 characters, the largest numbers, a
     * reservation named by its @id of a 200-character id): about 7.8 MB compact, 8.4 MB pretty-printed.
     */
    @Test
    void the_largest_valid_batch_pretty_printed_fits_within_the_default_batch_limit() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("space", Integer.MAX_VALUE);
        record.put("asset", "a".repeat(200));
        record.put("size", Long.MAX_VALUE);
        record.put("thumbnailSize", Long.MAX_VALUE);
        record.put("owner", "o".repeat(200));
        record.put("reservation", "https://ledger.example.org/customers/" + Integer.MAX_VALUE + "/reservations/" + "r".repeat(200));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int index = 0; index < 10_000; index++) {
            records.add(record);
        }
        byte[] compact = JsonMapper.builder().build().writeValueAsBytes(Map.of("records", records));
        byte[] pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsBytes(Map.of("records", records));

        assertThat(compact.length).isGreaterThan(7_500_000);
        assertThat((long) pretty.length).isLessThan(DEFAULTS.maxBatchSize().toBytes());
    }
}
