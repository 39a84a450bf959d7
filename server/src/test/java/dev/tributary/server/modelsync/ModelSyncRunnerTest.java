package dev.tributary.server.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.connect.CanonicalSamples;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelSyncRunnerTest {

    @Test
    void everyCanonicalValueSurvivesTheSortFilesIncludingNullsAndArrays() {
        ModelTarget target = new ModelTarget("object", CanonicalSamples.FIELDS, null, IdentityMatch.EXACT, Set.of());
        ModelSyncRunner.Plan plan = new ModelSyncRunner.Plan(ModelSyncMode.APPEND, target, new int[0], new Object[0], IdentityMatch.EXACT);

        List<Row> read = CanonicalSamples.ROWS.stream().map(row -> plan.decode(plan.encode(row))).toList();

        CanonicalSamples.assertSameRows(CanonicalSamples.FIELDS, read, CanonicalSamples.ROWS);
    }

    @Test
    void valuesTakeTheTargetFieldsTypeWhereTheyDiffer() {
        assertThat(ModelSyncRunner.convert(42L, CanonicalType.STRING)).isEqualTo("42");
        assertThat(ModelSyncRunner.convert(new BigDecimal("1.50"), CanonicalType.STRING)).isEqualTo("1.50");
        assertThat(ModelSyncRunner.convert(7, CanonicalType.INT64)).isEqualTo(7L);
        assertThat(ModelSyncRunner.convert("x", CanonicalType.INT64)).as("left for the destination to refuse")
                .isEqualTo("x");
    }
}
