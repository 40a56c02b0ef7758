package kaizen.report;

import java.util.List;
import java.util.Map;
import kaizen.core.Message;

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no network. Every text
 * that comes from a run (model output, observations, names) goes through {@link #escape}, so a
 * transcript cannot inject markup. Episodes are hidden sections shown by CSS {@code :target}, so
 * every link to an episode works from disk without JavaScript; an open episode is a fixed panel over the page.
 */
public final class HtmlReport {
    /** Bars of run i take colour i (modulo). */
    private static final List<String> COLOURS = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1");
    /** Example episodes linked per failure class and run. */
    static final int EXAMPLES = 5;

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#222}
            h1{font-size:1.6em}h2{border-bottom:2px solid #ccc;margin-top:2em}
            table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #ddd;padding:3px 8px;vertical-align:top}
            th{background:#f3f3f3;text-align:left}td.num{text-align:right;white-space:nowrap}
            .ci{color:#777;font-size:.85em}.up{color:#1a7f37}.down{color:#c62828}.same{color:#777}
            .examples a{margin-right:.4em;font-size:.85em}
            nav a{margin-right:1em}
            pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;border:1px solid #e3e3e3;padding:6px;margin:.2em 0;max-height:30em;overflow:auto}
            .episode{display:none;border:2px solid #4e79a7;padding:0 1em 1em;margin:1em 0}
            .episode:target{display:block;position:fixed;top:0;right:0;bottom:0;width:62%;overflow:auto;background:#fff;margin:0;z-index:10;box-shadow:-4px 0 18px rgba(0,0,0,.35)}
            .close{float:right;margin-top:1em}
            .turn{border-left:4px solid #ccc;padding-left:.8em;margin:.8em 0}
            .turn.failing{border-left-color:#c62828;background:#fff5f5}
            .why{color:#c62828;font-weight:bold}.note{color:#b26a00}
            .label{font-weight:bold;color:#555;font-size:.85em}
            .ok{color:#1a7f37}.bad{color:#c62828}
            svg text{font:12px system-ui,sans-serif}
            """;

    private HtmlReport() {}

    public static String render(Report report) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
                .append("<title>Kaizen evaluation report</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1 id=\"top\">Kaizen evaluation report</h1>\n");
        h.append("<table id=\"runs\"><tr><th>#</th><th>run</th><th>benchmark</th><th>agent</th><th>episodes</th><th>folder</th></tr>\n");
        for (int i = 0; i < report.runs().size(); i++) {
            RunData r = report.runs().get(i);
            h.append("<tr><td>").append(i).append("</td><td>").append(escape(r.label())).append("</td><td>")
                    .append(r.benchmark().title()).append("</td><td>").append(escape(r.agent())).append("</td><td class=\"num\">")
                    .append(r.episodes().size()).append("</td><td>").append(escape(r.dir().toString())).append("</td></tr>\n");
        }
        h.append("</table>\n<nav>");
        for (Comparison c : report.comparisons()) {
            h.append("<a href=\"#").append(c.benchmark().id()).append("\">").append(c.benchmark().title()).append("</a>");
        }
        h.append("<a href=\"#rules\">taxonomy rules</a></nav>\n");
        h.append("<p>The first run of each benchmark is its baseline. Intervals are 95%: Wilson score intervals for rates, ")
                .append("Newcombe's hybrid score interval for differences (in percentage points). A delta is coloured when ")
                .append("its interval excludes zero.</p>\n");
        for (Comparison c : report.comparisons()) section(h, c);
        rules(h);
        h.append("<h2 id=\"episodes\">Episodes</h2><p id=\"closed\">An episode link opens the episode in a panel on the right.</p>\n");
        for (Comparison c : report.comparisons()) {
            for (int k = 0; k < c.runs().size(); k++) {
                for (EpisodeView e : c.runs().get(k).episodes()) episode(h, c, k, e);
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, Comparison c) {
        String id = c.benchmark().id();
        h.append("<section id=\"").append(id).append("\"><h2>").append(c.benchmark().title()).append("</h2>\n");
        h.append("<h3>Scores (").append(c.benchmark().scoreName()).append(")</h3>\n<table class=\"scores\"><tr><th></th>");
        for (int k = 0; k < c.runs().size(); k++) {
            RunData r = c.runs().get(k);
            h.append("<th>").append(escape(r.label())).append("<br><span class=\"ci\">").append(escape(r.agent()))
                    .append(k == 0 ? ", baseline" : "").append("</span></th>");
            if (k > 0) h.append("<th>delta</th>");
        }
        h.append("</tr>\n");
        if (c.anyAgentBenchScore()) {
            h.append("<tr><td>").append(c.benchmark().agentBenchScoreName()).append(" (AgentBench)</td>");
            for (int k = 0; k < c.runs().size(); k++) {
                h.append("<td class=\"num\">").append(Formats.agentBenchScore(c.runs().get(k))).append("</td>");
                if (k > 0) h.append("<td></td>");
            }
            h.append("</tr>\n");
        }
        for (Comparison.Row row : c.rows()) {
            h.append("<tr><td>").append(escape(row.name())).append("</td>");
            Proportion base = row.perRun().getFirst();
            for (int k = 0; k < row.perRun().size(); k++) {
                Proportion p = row.perRun().get(k);
                h.append("<td class=\"num\">");
                if (p.total() > 0) {
                    h.append(Formats.percent(p.rate())).append(" <span class=\"ci\">").append(Formats.interval(p.wilson()))
                            .append(" ").append(p.successes()).append('/').append(p.total()).append("</span>");
                } else {
                    h.append('-');
                }
                h.append("</td>");
                if (k > 0) {
                    h.append("<td class=\"num\">");
                    if (p.total() > 0 && base.total() > 0) {
                        Proportion.Interval d = p.deltaInterval(base);
                        String cls = !d.excludesZero() ? "same" : p.delta(base) > 0 ? "up" : "down";
                        h.append("<span class=\"").append(cls).append("\">").append(Formats.points(p.delta(base)))
                                .append("</span> <span class=\"ci\">").append(Formats.interval(d)).append("</span>");
                    } else {
                        h.append('-');
                    }
                    h.append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        for (int k = 1; k < c.runs().size(); k++) {
            String label = c.runs().get(k).label();
            c.paired().get(k).ifPresent(p -> h.append("<p class=\"paired\">Paired by task, ").append(escape(label))
                    .append(" vs the baseline: ").append(escape(Formats.paired(p))).append("</p>\n"));
        }
        List<String> names = c.runs().stream().map(RunData::label).toList();
        h.append(BarChart.svg("chart-" + id + "-scores", c.benchmark().title() + " " + c.benchmark().scoreName() + " (%) with 95% intervals",
                names, c.rows().stream().map(r -> new BarChart.Group(r.name(), r.perRun().stream()
                        .map(p -> new BarChart.Bar(100 * p.rate(), 100 * p.wilson().low(), 100 * p.wilson().high())).toList())).toList(),
                100, COLOURS));
        failures(h, c);
        h.append("<h3 id=\"").append(id).append("-episodes\">Episodes by run</h3>\n");
        for (int k = 0; k < c.runs().size(); k++) episodeIndex(h, c, k);
        h.append("</section>\n");
    }

    private static void failures(StringBuilder h, Comparison c) {
        String id = c.benchmark().id();
        List<Map<FailureClass, List<EpisodeView>>> perRun = c.runs().stream().map(r -> Comparison.failures(c.benchmark(), r)).toList();
        h.append("<h3 id=\"").append(id).append("-failures\">Failure taxonomy</h3>\n<table class=\"taxonomy\"><tr><th>class</th>");
        for (int k = 0; k < c.runs().size(); k++) h.append("<th>").append(escape(c.runs().get(k).label())).append("</th>");
        h.append("</tr>\n");
        List<FailureClass> classes = FailureClass.of(c.benchmark());
        for (FailureClass fc : classes) {
            h.append("<tr id=\"").append(id).append("-class-").append(fc.id()).append("\"><td title=\"").append(escape(fc.rule()))
                    .append("\"><a href=\"#rule-").append(fc.id()).append("\">").append(fc.title()).append("</a></td>");
            int base = perRun.getFirst().get(fc).size();
            for (int k = 0; k < perRun.size(); k++) {
                List<EpisodeView> eps = perRun.get(k).get(fc);
                h.append("<td><span class=\"num\">").append(eps.size()).append("</span>");
                if (k > 0) h.append(" <span class=\"ci\">(").append(Formats.signedCount(eps.size() - base)).append(")</span>");
                h.append("<div class=\"examples\">");
                for (EpisodeView e : eps.subList(0, Math.min(EXAMPLES, eps.size()))) {
                    h.append("<a href=\"#").append(Report.episodeAnchor(c.runIds().get(k), e.record().index())).append("\">#")
                            .append(e.record().index()).append("</a>");
                }
                if (eps.size() > EXAMPLES) h.append("<span class=\"ci\">+").append(eps.size() - EXAMPLES).append(" more</span>");
                h.append("</div></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        int max = perRun.stream().flatMap(m -> m.values().stream()).mapToInt(List::size).max().orElse(0);
        h.append(BarChart.svg("chart-" + id + "-failures", c.benchmark().title() + " failed episodes per class",
                c.runs().stream().map(RunData::label).toList(),
                classes.stream().map(fc -> new BarChart.Group(fc.title(), perRun.stream()
                        .map(m -> new BarChart.Bar(m.get(fc).size(), m.get(fc).size(), m.get(fc).size())).toList())).toList(),
                Math.max(1, max), COLOURS));
    }

    private static void episodeIndex(StringBuilder h, Comparison c, int k) {
        RunData r = c.runs().get(k);
        int runId = c.runIds().get(k);
        long failed = r.episodes().stream().filter(EpisodeView::failed).count();
        h.append("<details id=\"run-r").append(runId).append("\"><summary>").append(escape(r.label())).append(": ")
                .append(r.episodes().size()).append(" episodes, ").append(failed).append(" failed</summary>\n")
                .append("<table><tr><th>episode</th><th>category</th><th>status</th><th>turns</th><th>verdict</th></tr>\n");
        for (EpisodeView e : r.episodes()) {
            h.append("<tr><td><a href=\"#").append(Report.episodeAnchor(runId, e.record().index())).append("\">#")
                    .append(e.record().index()).append("</a></td><td>").append(escape(e.category())).append("</td><td>")
                    .append(escape(e.record().status().text())).append("</td><td class=\"num\">").append(e.turns().size())
                    .append("</td><td>").append(verdictText(e.verdict())).append("</td></tr>\n");
        }
        h.append("</table></details>\n");
    }

    private static String verdictText(Verdict v) {
        return switch (v) {
            case Verdict.Success s -> "<span class=\"ok\">success</span>";
            case Verdict.Failure f -> "<span class=\"bad\">" + f.failureClass().title() + "</span>: " + escape(f.why());
        };
    }

    private static void rules(StringBuilder h) {
        h.append("<section id=\"rules\"><h2>Taxonomy rules</h2><p>Each failed episode gets the first class whose rule ")
                .append("matches, in this order (classes that cannot occur in a benchmark are left out of its table).</p>")
                .append("<table><tr><th>class</th><th>rule</th></tr>\n");
        for (FailureClass fc : FailureClass.values()) {
            h.append("<tr id=\"rule-").append(fc.id()).append("\"><td>").append(fc.title()).append("</td><td>")
                    .append(escape(fc.rule())).append("</td></tr>\n");
        }
        h.append("</table></section>\n");
    }

    private static void episode(StringBuilder h, Comparison c, int k, EpisodeView e) {
        RunData r = c.runs().get(k);
        int runId = c.runIds().get(k);
        var rec = e.record();
        h.append("<section class=\"episode\" id=\"").append(Report.episodeAnchor(runId, rec.index()))
                .append("\">\n<a class=\"close\" href=\"#closed\">close ✕</a><h3>")
                .append(escape(r.label())).append(" · ").append(c.benchmark().title()).append(" episode #").append(rec.index())
                .append(" · ").append(escape(e.category())).append("</h3>\n<p>status <b>").append(escape(rec.status().text()))
                .append("</b> · ").append(verdictText(e.verdict())).append(" · rounds: ").append(rec.rounds()).append(" · ")
                .append("<a href=\"#run-r").append(runId).append("\">episode list</a> · <a href=\"#").append(c.benchmark().id())
                .append("-failures\">taxonomy</a></p>\n");
        h.append(switch (c.benchmark()) {
            case ALFWORLD -> "<p>game <code>" + escape(rec.resultText("game"));
            case HOUSEHOLD -> "<p>world <code>" + escape(rec.resultText("task_id"));
            case DBBENCH -> "<p>answer scored <code>" + escape(rec.resultText("answer"));
        }).append("</code></p>\n");
        h.append("<details><summary>opening: ").append(e.opening().size()).append(" messages before the first turn</summary>\n");
        for (Message m : e.opening()) {
            h.append("<div class=\"label\">").append(m.role().wireName()).append("</div><pre>").append(escape(m.content())).append("</pre>\n");
        }
        h.append("</details>\n");
        int failing = e.verdict() instanceof Verdict.Failure f ? f.turn() : -1;
        for (Turn t : e.turns()) {
            h.append("<div class=\"turn").append(t.number() == failing ? " failing" : "").append("\" id=\"")
                    .append(Report.episodeAnchor(runId, rec.index())).append("-t").append(t.number()).append("\">")
                    .append("<div class=\"label\">turn ").append(t.number()).append(" · model output</div><pre>")
                    .append(escape(t.output())).append("</pre><div><span class=\"label\">parsed action</span> ")
                    .append(t.action().isEmpty() ? "<i>none</i>" : "<code>" + escape(t.action()) + "</code>").append("</div>");
            if (!t.observation().isEmpty()) {
                h.append("<div class=\"label\">observation</div><pre>").append(escape(t.observation())).append("</pre>");
            }
            if (!t.note().isEmpty()) h.append("<div class=\"note\">").append(escape(t.note())).append("</div>");
            if (t.number() == failing && e.verdict() instanceof Verdict.Failure f) {
                h.append("<div class=\"why\">failed here: ").append(f.failureClass().title()).append(" — ").append(escape(f.why()))
                        .append("</div>");
            }
            h.append("</div>\n");
        }
        if (failing == 0 && e.verdict() instanceof Verdict.Failure f) {
            h.append("<div class=\"why\">").append(f.failureClass().title()).append(" — ").append(escape(f.why())).append("</div>\n");
        }
        h.append("</section>\n");
    }

    /** Text as HTML character data or attribute value: the five markup characters become references. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
