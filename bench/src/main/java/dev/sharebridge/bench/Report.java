package dev.sharebridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the figures of repeated runs and prints each as median with its spread. */
final class Report {
    private final Map<String, List<Double>> rows = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    void add(String name, String unit, double value) {
        rows.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        units.put(name, unit);
        System.out.printf(Locale.ROOT, "  %-52s %12s %s%n", name, format(value), unit);
    }

    void note(String name, String text) {
        rows.putIfAbsent(name, new ArrayList<>());
        units.put(name, text);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    void print() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %12s %25s  %s%n", "figure", "median", "min .. max (runs)", "unit");
        System.out.println("-".repeat(110));
        rows.forEach((name, values) -> {
            if (values.isEmpty()) {
                System.out.printf(Locale.ROOT, "%-52s %12s %25s  %s%n", name, "", "", units.get(name));
                return;
            }
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            System.out.printf(
                    Locale.ROOT,
                    "%-52s %12s %25s  %s%n",
                    name,
                    format(median(values)),
                    format(min) + " .. " + format(max) + " (" + values.size() + ")",
                    units.get(name));
        });
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
