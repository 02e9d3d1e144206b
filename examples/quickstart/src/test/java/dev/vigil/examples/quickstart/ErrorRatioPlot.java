package dev.vigil.examples.quickstart;

import java.util.List;
import java.util.Locale;

/**
 * Draws the error ratio a real Prometheus computed, and the state of the alert on it, as a small SVG written by hand
 * (no plotting tool on the build's class path): the ratio as a line, the objective as a dashed line, the time the
 * fault was injected as a marker, and bands where the alert was pending and firing.
 */
final class ErrorRatioPlot {
    private static final int W = 760;
    private static final int H = 340;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 56;
    private static final int BOTTOM = 50;

    /** One instant: seconds since the start, the error ratio (NaN when unknown) and the alert state. */
    record Point(double seconds, double ratio, String alertState) {
    }

    private ErrorRatioPlot() {
    }

    /**
     * @param title the plot's title
     * @param points the series, oldest first
     * @param faultAt seconds since the start when the fault was injected
     * @param threshold the alert's threshold on the ratio, drawn dashed
     * @return the SVG document
     */
    static String svg(String title, List<Point> points, double faultAt, double threshold) {
        double tMax = Math.max(1, points.isEmpty() ? 1 : points.get(points.size() - 1).seconds());
        double yMax = 0.3;
        for (Point p : points) {
            if (p.ratio() > yMax) {
                yMax = Math.ceil(p.ratio() * 10) / 10;
            }
        }
        StringBuilder b = new StringBuilder(8_192);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\""
                        + " font-size=\"12\">\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        b.append(text(LEFT, 22, title, "start", 14, "#222222"));
        // Alert bands first, under everything else: one rectangle per run of the same state, so no seams show.
        int i = 0;
        while (i < points.size()) {
            String state = points.get(i).alertState();
            int end = i;
            while (end + 1 < points.size() && java.util.Objects.equals(points.get(end + 1).alertState(), state)) {
                end++;
            }
            if (state != null) {
                double t0 = points.get(i).seconds();
                double t1 = end + 1 < points.size() ? points.get(end + 1).seconds() : points.get(end).seconds();
                String fill = "firing".equals(state) ? "#f4b6b6" : "#fde3a7";
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                        + " fill=\"%s\"/>%n", x(t0, tMax), TOP, Math.max(1, x(t1, tMax) - x(t0, tMax)),
                        H - TOP - BOTTOM, fill));
            }
            i = end + 1;
        }
        // Axes and grid.
        for (int tick = 0; tick <= 5; tick++) {
            double v = yMax * tick / 5;
            double y = y(v, yMax);
            b.append(line(LEFT, y, W - RIGHT, y, "#e0e0e0", ""));
            b.append(text(LEFT - 6, y + 4, String.format(Locale.ROOT, "%.0f%%", v * 100), "end", 11, "#555555"));
        }
        int step = tMax > 240 ? 60 : tMax > 120 ? 30 : 10;
        for (int t = 0; t <= tMax; t += step) {
            b.append(text(x(t, tMax), H - BOTTOM + 16, t + " s", "middle", 11, "#555555"));
        }
        b.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#333333", ""));
        b.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#333333", ""));
        b.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 12, "seconds since Prometheus first scraped the quickstart",
                "middle", 11, "#333333"));
        // Threshold and fault marker.
        b.append(line(LEFT, y(threshold, yMax), W - RIGHT, y(threshold, yMax), "#888888", "6 4"));
        b.append(line(x(faultAt, tMax), TOP, x(faultAt, tMax), H - BOTTOM, "#555555", "2 3"));
        b.append(text(x(faultAt, tMax) + 4, TOP + 12, "20% errors injected", "start", 11, "#333333"));
        // The ratio.
        StringBuilder path = new StringBuilder();
        for (Point p : points) {
            if (Double.isNaN(p.ratio())) {
                continue;
            }
            path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                    x(p.seconds(), tMax), y(p.ratio(), yMax)));
        }
        if (path.length() > 0) {
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>\n");
        }
        // Legend.
        int lx = LEFT;
        b.append(line(lx, 38, lx + 20, 38, "#1f5fbf", "")).append(text(lx + 24, 42, "error ratio (5m)", "start", 11,
                "#333333"));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"14\" height=\"12\" fill=\"#fde3a7\"/>%n",
                lx + 125)).append(text(lx + 143, 42, "pending", "start", 11, "#333333"));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"14\" height=\"12\" fill=\"#f4b6b6\"/>%n",
                lx + 200)).append(text(lx + 218, 42, "firing", "start", 11, "#333333"));
        b.append(line(lx + 265, 38, lx + 285, 38, "#888888", "6 4")).append(text(lx + 289, 42, "alert threshold (1%)", "start",
                11, "#333333"));
        return b.append("</svg>\n").toString();
    }

    private static double x(double seconds, double tMax) {
        return LEFT + seconds / tMax * (W - LEFT - RIGHT);
    }

    private static double y(double ratio, double yMax) {
        return H - BOTTOM - ratio / yMax * (H - TOP - BOTTOM);
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, color, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(double x, double y, String s, String anchor, int size, String color) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">"
                + "%s</text>%n", x, y, anchor, size, color, s.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
