package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.List;

/** Object stores and file uploads (S3, MinIO, ...): Vigil's names in OpenTelemetry's style. */
public final class StorageConventions {
    /** Operation duration. */
    public static final MetricConvention DURATION = MetricConvention.builder("storage.operation.duration",
                    Instrument.HISTOGRAM, "s")
            .description("Duration of object-storage operations, by bucket and operation.")
            .required("storage.bucket", "storage.operation")
            .conditional("error.type")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)
            .build();
    /** Bytes moved per operation. */
    public static final MetricConvention SIZE = MetricConvention.builder("storage.operation.size",
                    Instrument.HISTOGRAM, "By")
            .description("Bytes uploaded or downloaded per object-storage operation.")
            .required("storage.bucket", "storage.operation")
            .buckets(1024, 16384, 131072, 1048576, 8388608, 67108864, 536870912, 4294967296.0)
            .build();

    private StorageConventions() {
    }

    /** @return the storage conventions */
    public static List<MetricConvention> all() {
        return List.of(DURATION, SIZE);
    }
}
