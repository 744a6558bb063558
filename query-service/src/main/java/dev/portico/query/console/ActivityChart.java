package dev.portico.query.console;

import dev.portico.query.query.ActivityView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sessions issued per provider as stacked bars, laid out here and drawn by the overview's template as SVG
 * (no script, no inline style: each series is a CSS class). The same numbers go in a table beside it.
 */
record ActivityChart(int width, int height, List<Bar> bars, List<Label> labels, List<String> providers, long max,
        List<Row> rows) {
    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    private static final int LEFT = 40;
    private static final int BOTTOM = 24;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** One provider's part of one bucket's bar; {@code series} is the CSS class of its provider. */
    record Bar(int x, int y, int width, int height, String series, String title) {
    }

    record Label(int x, int y, String text) {
    }

    /** A bucket with its sessions per provider, in {@link #providers}' order. */
    record Row(String bucket, List<Long> sessions) {
    }

    static ActivityChart of(ActivityView view, Instant from, Duration bucket, int buckets) {
        List<String> providers = new ArrayList<>(new TreeSet<>(view.issued().stream()
                .map(ActivityView.Issued::providerType).toList()));
        Map<Instant, long[]> counts = new LinkedHashMap<>();
        Instant first = Instant.ofEpochSecond(from.getEpochSecond() / bucket.toSeconds() * bucket.toSeconds());
        for (int i = 0; i < buckets; i++) {
            counts.put(first.plus(bucket.multipliedBy(i)), new long[providers.size()]);
        }
        for (ActivityView.Issued issued : view.issued()) {
            long[] line = counts.get(issued.bucketStart());
            if (line != null) {
                line[providers.indexOf(issued.providerType())] += issued.sessions();
            }
        }
        long max = Math.max(1, counts.values().stream().mapToLong(line -> java.util.Arrays.stream(line).sum())
                .max().orElse(0));
        int plotHeight = HEIGHT - BOTTOM - 8;
        int slot = (WIDTH - LEFT) / buckets;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Instant, long[]> entry : counts.entrySet()) {
            int x = LEFT + i * slot;
            int top = HEIGHT - BOTTOM;
            List<Long> line = new ArrayList<>();
            for (int p = 0; p < providers.size(); p++) {
                long n = entry.getValue()[p];
                line.add(n);
                if (n > 0) {
                    int h = Math.max(1, Math.round((float) n * plotHeight / max));
                    top -= h;
                    bars.add(new Bar(x + 1, top, Math.max(1, slot - 2), h, "s" + (p % 8),
                            TIME.format(entry.getKey()) + " " + providers.get(p) + ": " + n));
                }
            }
            if (i % Math.max(1, buckets / 6) == 0) {
                labels.add(new Label(x, HEIGHT - 6, TIME.format(entry.getKey())));
            }
            rows.add(new Row(TIME.format(entry.getKey()), line));
            i++;
        }
        return new ActivityChart(WIDTH, HEIGHT, bars, labels, providers, max, rows);
    }
}
