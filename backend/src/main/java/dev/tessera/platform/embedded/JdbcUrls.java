package dev.tessera.platform.embedded;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC form of a reactive-client database URL, so one setting (TESSERA_DB_URL) serves both the
 * reactive pool and Flyway's JDBC connection. {@code postgresql://user:secret@host:5432/db?sslmode=require}
 * becomes {@code jdbc:postgresql://host:5432/db?sslmode=require&user=user&password=secret}: the JDBC
 * driver takes credentials as parameters, not in the authority.
 */
public final class JdbcUrls {
  private JdbcUrls() {}

  /** The JDBC URL for a reactive URL ({@code postgresql://} or {@code postgres://}); a JDBC URL is kept. */
  public static String fromReactive(String url) {
    String u = url.trim();
    if (u.startsWith("jdbc:")) {
      return u;
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a database URL (postgresql://host:port/database): " + u, e);
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not a database URL (postgresql://host:port/database): " + u);
    }
    List<String> params = new ArrayList<>();
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      params.add(uri.getRawQuery());
    }
    if (uri.getRawUserInfo() != null) {
      String[] userInfo = uri.getRawUserInfo().split(":", 2);
      params.add("user=" + reencode(userInfo[0]));
      if (userInfo.length > 1) {
        params.add("password=" + reencode(userInfo[1]));
      }
    }
    String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
    return "jdbc:postgresql://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (params.isEmpty() ? "" : "?" + String.join("&", params));
  }

  private static String reencode(String raw) {
    return URLEncoder.encode(URLDecoder.decode(raw, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
