package dev.sharebridge.bootstrap.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, so that a test can refuse a
 * scrape Prometheus would refuse or {@code promtool check metrics} would complain about (the
 * test cannot count on promtool being installed). {@link #parse} enforces the format: one HELP
 * and one TYPE per family, TYPE before the samples, each family in one group, the sample
 * suffixes its type allows, label escaping, no duplicate series, and for histograms ordered
 * {@code le} bounds ending in {@code +Inf}, cumulative counts, and {@code _count} equal to the
 * {@code +Inf} bucket. {@link #lint} repeats promtool's naming checks (Prometheus' promlint).
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");
    // promlint's lists
    private static final Set<String> ABBREVIATIONS =
            Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d");
    private static final Map<String, String> NON_BASE_UNITS = Map.ofEntries(
            Map.entry("minutes", "seconds"),
            Map.entry("hours", "seconds"),
            Map.entry("days", "seconds"),
            Map.entry("weeks", "seconds"),
            Map.entry("kelvins", "kelvin"),
            Map.entry("fahrenheit", "celsius"),
            Map.entry("rankine", "celsius"),
            Map.entry("inches", "meters"),
            Map.entry("yards", "meters"),
            Map.entry("miles", "meters"),
            Map.entry("bits", "bytes"),
            Map.entry("calories", "joules"),
            Map.entry("pounds", "grams"),
            Map.entry("ounces", "grams"));
    private static final List<String> BASE_UNITS =
            List.of("amperes", "bytes", "celsius", "grams", "joules", "kelvin", "meters", "metres", "seconds", "volts");
    private static final List<String> UNIT_PREFIXES = List.of(
            "pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega", "mibi", "giga",
            "gibi", "tera", "tebi", "peta", "pebi");

    private PrometheusText() {}

    /** One sample line: the full series name, its labels in order, the value. */
    record Sample(String name, Map<String, String> labels, double value) {
        Map<String, String> labelsWithout(String label) {
            Map<String, String> rest = new TreeMap<>(labels);
            rest.remove(label);
            return rest;
        }
    }

    /** A metric family: name, type ({@code untyped} without a TYPE line), help text (may be empty). */
    record Family(String name, String type, String help, List<Sample> samples) {}

    /** The scrape is malformed; the message names the line. */
    static final class MalformedScrape extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedScrape(int line, String why) {
            super("line " + line + ": " + why);
        }

        MalformedScrape(String why) {
            super(why);
        }
    }

    /** Families by name, in the order they appear. @throws MalformedScrape at the first violation */
    static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new MalformedScrape("the last line does not end with a line feed");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            int n = i + 1;
            String line = lines[i];
            if (line.indexOf('\r') >= 0) {
                throw new MalformedScrape(n, "carriage return");
            }
            if (line.isBlank()) {
                continue;
            }
            String family;
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 3
                        || !parts[0].equals("#")
                        || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    continue; // an ordinary comment
                }
                family = parts[2];
                if (!METRIC_NAME.matcher(family).matches()) {
                    throw new MalformedScrape(n, "bad metric name " + family);
                }
                String rest = parts.length == 4 ? parts[3] : "";
                if (parts[1].equals("HELP")) {
                    if (helps.put(family, unescapeHelp(rest, n)) != null) {
                        throw new MalformedScrape(n, "a second HELP for " + family);
                    }
                } else {
                    if (!TYPES.contains(rest)) {
                        throw new MalformedScrape(n, "unknown type " + rest);
                    }
                    if (types.put(family, rest) != null) {
                        throw new MalformedScrape(n, "a second TYPE for " + family);
                    }
                    if (samples.containsKey(family)) {
                        throw new MalformedScrape(n, "TYPE of " + family + " after its samples");
                    }
                }
            } else {
                Sample sample = sample(line, n);
                family = familyOf(sample.name(), types);
                String type = types.getOrDefault(family, "untyped");
                checkSuffix(sample, family, type, n);
                String key = sample.name() + new TreeMap<>(sample.labels());
                if (!series.add(key)) {
                    throw new MalformedScrape(n, "a second sample of " + key);
                }
                samples.computeIfAbsent(family, f -> new ArrayList<>()).add(sample);
            }
            if (!family.equals(current)) {
                if (closed.contains(family)) {
                    throw new MalformedScrape(n, family + " is not one group: its lines are split by other families");
                }
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            }
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        names.addAll(helps.keySet());
        names.addAll(types.keySet());
        names.addAll(samples.keySet());
        for (String name : names) {
            Family f = new Family(
                    name,
                    types.getOrDefault(name, "untyped"),
                    helps.getOrDefault(name, ""),
                    List.copyOf(samples.getOrDefault(name, List.of())));
            if (f.type().equals("histogram")) {
                checkHistogram(f);
            }
            if (f.type().equals("counter")) {
                f.samples().stream().filter(s -> !(s.value() >= 0)).findFirst().ifPresent(s -> {
                    throw new MalformedScrape("counter " + s.name() + s.labels() + " is " + s.value());
                });
            }
            families.put(name, f);
        }
        return families;
    }

    /**
     * promtool's complaints about names and help ({@code check metrics}, promlint), one line each
     * as it writes them; empty when it would have none.
     */
    static List<String> lint(Map<String, Family> families) {
        List<String> problems = new ArrayList<>();
        for (Family f : families.values()) {
            String name = f.name();
            if (f.help().isEmpty()) {
                problems.add(name + " no help text");
            }
            for (String part : name.split("_")) {
                String unit = NON_BASE_UNITS.get(part);
                if (unit != null) {
                    problems.add(name + " use base unit \"" + unit + "\" instead of \"" + part + "\"");
                }
                for (String prefix : UNIT_PREFIXES) {
                    for (String base : BASE_UNITS) {
                        if (part.equals(prefix + base)) {
                            problems.add(name + " use base unit \"" + base + "\" instead of \"" + part + "\"");
                        }
                    }
                }
                if (ABBREVIATIONS.contains(part)) {
                    problems.add(name + " metric names should not contain abbreviated units");
                }
            }
            if (f.type().equals("counter") && !name.endsWith("_total")) {
                problems.add(name + " counter metrics should have \"_total\" suffix");
            }
            if (!f.type().equals("histogram") && !f.type().equals("summary")) {
                for (String suffix : List.of("_count", "_sum", "_bucket")) {
                    if (name.endsWith(suffix)) {
                        problems.add(name + " non-histogram and non-summary metrics should not have \"" + suffix
                                + "\" suffix");
                    }
                }
                if (f.samples().stream().anyMatch(s -> s.labels().containsKey("quantile"))) {
                    problems.add(name + " non-summary metrics should not have \"quantile\" label");
                }
            }
            if (!f.type().equals("histogram")
                    && f.samples().stream().anyMatch(s -> s.labels().containsKey("le"))) {
                problems.add(name + " non-histogram metrics should not have \"le\" label");
            }
            for (String type : TYPES) {
                if (name.contains("_" + type + "_") || name.endsWith("_" + type)) {
                    problems.add(name + " metric name should not include type '" + type + "'");
                }
            }
            if (name.contains(":")) {
                problems.add(name + " metric names should not contain ':'");
            }
            if (CAMEL_CASE.matcher(name).find()
                    || f.samples().stream()
                            .flatMap(s -> s.labels().keySet().stream())
                            .anyMatch(l -> CAMEL_CASE.matcher(l).find())) {
                problems.add(name + " metric names and label names should be written in 'snake_case' not 'camelCase'");
            }
        }
        return problems;
    }

    /** The value of the series {@code name} with exactly {@code labels}. */
    static double value(Map<String, Family> families, String name, Map<String, String> labels) {
        return families.values().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .findFirst()
                .map(Sample::value)
                .orElseThrow(() -> new AssertionError("no series " + name + labels));
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static void checkSuffix(Sample s, String family, String type, int n) {
        String suffix = s.name().substring(family.length());
        boolean allowed = switch (type) {
            case "histogram" -> suffix.equals("_bucket") || suffix.equals("_sum") || suffix.equals("_count");
            case "summary" -> suffix.isEmpty() || suffix.equals("_sum") || suffix.equals("_count");
            default -> suffix.isEmpty();
        };
        if (!allowed) {
            throw new MalformedScrape(n, s.name() + " is not a sample name a " + type + " " + family + " may have");
        }
        if (type.equals("histogram") && suffix.equals("_bucket") != s.labels().containsKey("le")) {
            throw new MalformedScrape(n, s.name() + ": le belongs on every bucket and only there");
        }
        if (type.equals("summary") && suffix.isEmpty() && !s.labels().containsKey("quantile")) {
            throw new MalformedScrape(n, s.name() + ": a summary's quantile sample lacks its quantile label");
        }
    }

    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample s : f.samples()) {
            if (s.name().endsWith("_bucket")) {
                buckets.computeIfAbsent(s.labelsWithout("le"), k -> new ArrayList<>())
                        .add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(new TreeMap<>(s.labels()), s.value());
            } else {
                sums.add(new TreeMap<>(s.labels()));
            }
        }
        for (Map.Entry<Map<String, String>, List<Sample>> series : buckets.entrySet()) {
            String id = f.name() + series.getKey();
            double lastBound = Double.NEGATIVE_INFINITY;
            double lastCount = 0;
            for (Sample bucket : series.getValue()) {
                double bound = number(bucket.labels().get("le"), id + " le");
                if (!(bound > lastBound)) {
                    throw new MalformedScrape(
                            id + ": le=" + bucket.labels().get("le") + " is not above the one before");
                }
                if (!(bucket.value() >= lastCount)) {
                    throw new MalformedScrape(
                            id + ": bucket le=" + bucket.labels().get("le") + " holds fewer than the one before");
                }
                lastBound = bound;
                lastCount = bucket.value();
            }
            Sample last = series.getValue().get(series.getValue().size() - 1);
            if (!last.labels().get("le").equals("+Inf")) {
                throw new MalformedScrape(id + ": the last bucket is not le=\"+Inf\"");
            }
            Double count = counts.remove(series.getKey());
            if (count == null || !sums.remove(series.getKey())) {
                throw new MalformedScrape(id + ": _count or _sum is missing");
            }
            if (count != last.value()) {
                throw new MalformedScrape(id + ": _count " + count + " differs from the +Inf bucket " + last.value());
            }
        }
        if (!counts.isEmpty() || !sums.isEmpty()) {
            throw new MalformedScrape(f.name() + ": _count or _sum without buckets " + counts.keySet() + sums);
        }
    }

    private static Sample sample(String line, int n) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new MalformedScrape(n, "bad metric name '" + name + "'");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i < line.length() && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new MalformedScrape(n, "a label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    throw new MalformedScrape(n, "bad label name '" + label + "'");
                }
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new MalformedScrape(n, "label " + label + " has no quoted value");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; ; j++) {
                    if (j >= line.length()) {
                        throw new MalformedScrape(n, "label " + label + " is not closed");
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new MalformedScrape(n, "label " + label + ": bad escape \\" + next);
                        }
                        j++;
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new MalformedScrape(n, "label " + label + " twice");
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new MalformedScrape(n, "expected ',' or '}' after label " + label);
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new MalformedScrape(n, "no space before the value");
        }
        String[] rest = line.substring(i).strip().split(" +");
        if (rest.length > 2) {
            throw new MalformedScrape(n, "more than a value and a timestamp");
        }
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
            throw new MalformedScrape(n, "bad timestamp " + rest[1]);
        }
        return new Sample(name, labels, number(rest[0], "line " + n));
    }

    private static double number(String text, String where) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new MalformedScrape(where + ": not a number: " + text);
                }
                return Double.parseDouble(text);
        }
    }

    private static String unescapeHelp(String text, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (next == '\\') {
                out.append('\\');
            } else if (next == 'n') {
                out.append('\n');
            } else {
                throw new MalformedScrape(n, "HELP: bad escape \\" + next);
            }
            i++;
        }
        return out.toString();
    }

    /** The {@code le} bounds of one histogram series, as written. */
    static List<String> bounds(Family histogram, Map<String, String> labels) {
        return histogram.samples().stream()
                .filter(s ->
                        s.name().endsWith("_bucket") && s.labelsWithout("le").equals(new TreeMap<>(labels)))
                .map(s -> s.labels().get("le"))
                .toList();
    }
}
