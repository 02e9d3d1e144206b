package dev.vigil;

import dev.vigil.conventions.StorageConventions;

/**
 * Object-store operations on one bucket (S3, MinIO, a file store): each opens an observation that records
 * {@code storage.operation.duration} by {@code storage.bucket} and {@code storage.operation}
 * ({@code upload|download|delete}, plus {@code error.type} on failure) and a {@code CLIENT} span named
 * {@code "<operation> <bucket>"}; uploads and downloads record their size in {@code storage.operation.size}.
 * Returned by {@link Vigil#storage(String)}.
 *
 * <pre>{@code
 * try (Observation o = vigil.storage("documents").upload(sizeBytes).start()) {
 *     s3.putObject(...);
 * } // an exception thrown inside: call o.error(e) in a catch to mark it failed
 * }</pre>
 */
public final class Storage {
    private final Vigil vigil;
    private final String bucket;

    Storage(Vigil vigil, String bucket) {
        this.vigil = vigil;
        this.bucket = bucket;
    }

    /**
     * @param sizeBytes the bytes uploaded; negative when unknown (no size is recorded)
     * @return the observation to start around the upload
     */
    public ObservationBuilder upload(long sizeBytes) {
        return operation("upload", sizeBytes);
    }

    /**
     * @param sizeBytes the bytes downloaded; negative when unknown (no size is recorded)
     * @return the observation to start around the download
     */
    public ObservationBuilder download(long sizeBytes) {
        return operation("download", sizeBytes);
    }

    /** @return the observation to start around the deletion */
    public ObservationBuilder delete() {
        return operation("delete", -1);
    }

    /** @return the bucket's name, the {@code storage.bucket} attribute */
    public String bucket() {
        return bucket;
    }

    private ObservationBuilder operation(String operation, long sizeBytes) {
        if (sizeBytes >= 0) {
            vigil.kpi(StorageConventions.SIZE.name()).tag("storage.bucket", bucket).tag("storage.operation", operation)
                    .record(sizeBytes);
        }
        ObservationBuilder b = vigil.observation(operation + " " + bucket).kind(SpanKind.CLIENT)
                .timer(StorageConventions.DURATION.name())
                .tag("storage.bucket", bucket).tag("storage.operation", operation);
        return sizeBytes >= 0 ? b.attribute("storage.operation.size", sizeBytes) : b;
    }

    @Override
    public String toString() {
        return "Storage{" + bucket + '}';
    }
}
