package dev.skewguard.collector.dashboard;

import java.nio.charset.StandardCharsets;

/**
 * The dashboard as one self-contained HTML file ({@code evaluate --html}): the page with its styles, the chart
 * library and its script inlined, and the data embedded; it opens with no network.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** The page for one job's document ({@link DashboardJson#job}). */
    public static String of(DashboardJobs.JobView view) {
        String page = new String(DashboardAssets.page(), StandardCharsets.UTF_8);
        page = inlineStyle(page, "uPlot.min.css");
        page = inlineStyle(page, "dashboard.css");
        page = inlineScript(page, "uPlot.iife.min.js", "");
        // JSON in a script element: "<" escaped so that no "</script>" in the data can end it.
        String data = DashboardJson.write(DashboardJson.job(view)).replace("<", "\\u003c");
        page = inlineScript(page, "dashboard.js",
                "<script type=\"application/json\" id=\"skewguard-data\">" + data + "</script>\n");
        return page;
    }

    private static String inlineStyle(String page, String name) {
        String tag = "<link rel=\"stylesheet\" href=\"assets/" + name + "\">";
        return replaceOnce(page, tag, "<style>\n" + asset(name) + "\n</style>");
    }

    private static String inlineScript(String page, String name, String before) {
        String tag = "<script src=\"assets/" + name + "\"></script>";
        return replaceOnce(page, tag, before + "<script>\n" + asset(name).replace("</script", "<\\/script")
                + "\n</script>");
    }

    private static String asset(String name) {
        return new String(DashboardAssets.read(DashboardAssets.FILES.get(name)), StandardCharsets.UTF_8);
    }

    private static String replaceOnce(String page, String tag, String replacement) {
        int at = page.indexOf(tag);
        if (at < 0) {
            throw new IllegalStateException("the dashboard page lacks " + tag + ": rebuild the collector jar");
        }
        return page.substring(0, at) + replacement + page.substring(at + tag.length());
    }
}
