package dev.tributary.server.ops;

import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.Cancellation;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.QueryCursor;
import dev.tributary.server.connect.spi.QueryLimits;
import dev.tributary.server.connect.spi.RawChunk;
import dev.tributary.server.connect.spi.RawRecordReader;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.WriteResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A connector whose calls are spans named {@code <type>.<call>}, such as {@code postgresql.openUpsert}, and whose
 * writers' batches are spans too. Spans carry the connector type and object names, never values, SQL or settings.
 */
public final class TracedConnector implements Connector {

    private final Tracer tracer;
    private final String type;
    private final Connector connector;

    private TracedConnector(Tracer tracer, String type, Connector connector) {
        this.tracer = tracer;
        this.type = type;
        this.connector = connector;
    }

    public static Connector of(Tracer tracer, String type, Connector connector) {
        return new TracedConnector(tracer, type, connector);
    }

    private <T> T span(String call, Optional<String> object, Supplier<T> work) {
        Span span = tracer.spanBuilder(type + "." + call).setAttribute("tributary.connector", type).startSpan();
        object.ifPresent(name -> span.setAttribute("tributary.object", name));
        try (Scope scope = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error failure) {
            // The type only: a connector's message may quote a value or the SQL.
            span.setStatus(StatusCode.ERROR, failure.getClass().getName());
            throw failure;
        } finally {
            span.end();
        }
    }

    private void span(String call, Optional<String> object, Runnable work) {
        span(call, object, () -> {
            work.run();
            return null;
        });
    }

    private BatchWriter traced(String object, BatchWriter writer) {
        return new BatchWriter() {
            @Override
            public WriteResult write(RecordBatch batch) {
                return span("write", Optional.of(object), () -> writer.write(batch));
            }

            @Override
            public void writeRaw(RawChunk chunk) {
                span("writeRaw", Optional.of(object), () -> writer.writeRaw(chunk));
            }

            @Override
            public void finish() {
                span("finish", Optional.of(object), writer::finish);
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }

    @Override
    public TestResult test() {
        return span("test", Optional.empty(), connector::test);
    }

    @Override
    public Catalog discover() {
        return span("discover", Optional.empty(), connector::discover);
    }

    @Override
    public RecordReader read(ReadRequest request) {
        return span("read", Optional.empty(), () -> connector.read(request));
    }

    @Override
    public RecordReader readIncremental(ReadRequest request, String trackingField) {
        return span("readIncremental", Optional.empty(), () -> connector.readIncremental(request, trackingField));
    }

    @Override
    public String rawFormat() {
        return connector.rawFormat();
    }

    @Override
    public RawRecordReader readRaw(ReadRequest request) {
        return span("readRaw", Optional.empty(), () -> connector.readRaw(request));
    }

    @Override
    public void createObject(String object, List<Field> fields) {
        span("createObject", Optional.of(object), () -> connector.createObject(object, fields));
    }

    @Override
    public void addFields(String object, List<Field> fields) {
        span("addFields", Optional.of(object), () -> connector.addFields(object, fields));
    }

    @Override
    public BatchWriter openAppend(String object, List<Field> fields) {
        return traced(object, span("openAppend", Optional.of(object), () -> connector.openAppend(object, fields)));
    }

    @Override
    public BatchWriter openUpsert(String object, List<Field> fields) {
        return traced(object, span("openUpsert", Optional.of(object), () -> connector.openUpsert(object, fields)));
    }

    @Override
    public BatchWriter openReplace(String object, List<Field> fields) {
        return traced(object, span("openReplace", Optional.of(object), () -> connector.openReplace(object, fields)));
    }

    @Override
    public List<ModelObject> modelTargets() {
        return span("modelTargets", Optional.empty(), connector::modelTargets);
    }

    @Override
    public Optional<ModelObjectDetail> modelTarget(String object) {
        return span("modelTarget", Optional.of(object), () -> connector.modelTarget(object));
    }

    @Override
    public ModelWriter openModelWrite(ModelTarget target) {
        return span("openModelWrite", Optional.empty(), () -> connector.openModelWrite(target));
    }

    @Override
    public QueryCursor runQuery(String sql, QueryLimits limits, Cancellation cancellation) {
        return span("runQuery", Optional.empty(), () -> connector.runQuery(sql, limits, cancellation));
    }

    @Override
    public void close() {
        connector.close();
    }
}
