package dev.portico.query.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@link FindActivity} found: sessions issued per bucket and provider (wire name), users per state. */
public record ActivityView(List<Issued> issued, Map<String, Long> usersByState) {
    public ActivityView {
        issued = List.copyOf(issued);
        usersByState = Map.copyOf(usersByState);
    }

    /** The sessions of one provider issued in the bucket starting at {@code bucketStart}. */
    public record Issued(Instant bucketStart, String providerType, long sessions) {
    }
}
