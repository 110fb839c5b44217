package io.transports.connections.support;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves files from directories mounted at URL prefixes (for the demo page and the widget bundle), with
 * the content types a browser needs for ES modules. Paths that leave their directory are refused.
 */
public final class StaticFiles extends HttpServlet {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "map", "application/json", "png", "image/png", "svg", "image/svg+xml");

    private final Map<String, Path> mounts = new LinkedHashMap<>();

    /** @param mounts URL prefix (e.g. "/" or "/widget/") to directory; longer prefixes are tried first */
    public StaticFiles(Map<String, Path> mounts) {
        mounts.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length())
                .forEach(e -> this.mounts.put(e.getKey(), e.getValue().toAbsolutePath().normalize()));
    }

    @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.endsWith("/")) path += "index.html";
        for (var m : mounts.entrySet()) {
            if (!path.startsWith(m.getKey())) continue;
            Path file = m.getValue().resolve(path.substring(m.getKey().length())).normalize();
            if (!file.startsWith(m.getValue()) || !Files.isRegularFile(file)) continue;
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            resp.setContentType(TYPES.getOrDefault(ext, "application/octet-stream"));
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLengthLong(Files.size(file));
            Files.copy(file, resp.getOutputStream());
            return;
        }
        resp.sendError(404, "no such file: " + path);
    }
}
