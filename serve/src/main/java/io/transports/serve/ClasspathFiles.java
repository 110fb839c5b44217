package io.transports.serve;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Serves files from class-path directories (inside this jar or beside it) at {@code /}: the widget page,
 * the widget-js bundle and a demo's pages, with the content types a browser needs for ES modules. The
 * directories are tried in order; a path with a {@code ..} or empty segment is refused, so nothing
 * outside them can be read.
 */
final class ClasspathFiles extends HttpServlet {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "map", "application/json", "png", "image/png", "svg", "image/svg+xml");

    private final List<String> directories;

    /** @param directories class-path directories in the form of {@link #directory(String)} */
    ClasspathFiles(List<String> directories) { this.directories = List.copyOf(directories); }

    /** "com/example/pages", "/com/example/pages/" -> "com/example/pages/" (class-loader resource names have no leading slash). */
    static String directory(String name) {
        String d = name.replaceAll("^/+", "").replaceAll("/+$", "") + "/";
        if (d.equals("/") || d.contains("..")) throw new IllegalArgumentException("\"" + name + "\" is not a class-path directory such as com/example/pages");
        return d;
    }

    @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.endsWith("/")) path += "index.html";
        String relative = path.substring(1);
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".") || segment.contains("\\")) {
                resp.sendError(404, "no such file: " + path);
                return;
            }
        }
        ClassLoader loader = ClasspathFiles.class.getClassLoader();
        for (String dir : directories) {
            try (InputStream in = loader.getResourceAsStream(dir + relative)) {
                if (in == null) continue;
                String ext = relative.substring(relative.lastIndexOf('.') + 1);
                resp.setContentType(TYPES.getOrDefault(ext, "application/octet-stream"));
                resp.setHeader("Cache-Control", "no-store");
                in.transferTo(resp.getOutputStream());
                return;
            }
        }
        resp.sendError(404, "no such file: " + path);
    }
}
