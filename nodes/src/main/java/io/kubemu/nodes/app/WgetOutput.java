package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.HttpUrl;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** busybox wget's options and everything it prints, word for word (networking/wget.c). */
final class WgetOutput {
  private static final String USAGE = """
      BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

      Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
      \t[--post-data STR | --post-file FILE] [-Y on/off]
      \t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

      Retrieve files via HTTP or FTP

      \t--spider\tOnly check URL existence: $? is 0 if exists
      \t--header STR\tAdd STR (of form 'header: value') to headers
      \t--post-data STR\tSend STR using POST method
      \t-c\t\tContinue retrieval of aborted transfer
      \t-q\t\tQuiet
      \t-S    \t\tShow server response
      \t-T SEC\t\tNetwork read timeout is SEC seconds
      \t-O FILE\t\tSave to FILE ('-' for stdout)
      \t-U STR\t\tUse STR for User-Agent header
      """;

  AppContext ctx;
  boolean quiet;
  boolean showResponse;
  boolean spider;
  String output;
  String userAgent = "Wget";
  int timeoutSeconds = 900;
  final List<HttpHeaders.Field> headers = new ArrayList<>();
  String postData;

  /** Takes one option; throws IllegalArgumentException with busybox's message for a bad value. */
  void option(Getopt.Option o) {
    if (o.is("q", "quiet")) {
      quiet = true;
    } else if (o.is("S", "server-response")) {
      showResponse = true;
    } else if (o.is("spider")) {
      spider = true;
    } else if (o.is("O", "output-document")) {
      output = o.value();
    } else if (o.is("U", "user-agent")) {
      userAgent = o.value();
    } else if (o.is("T", "timeout")) {
      try {
        timeoutSeconds = Integer.parseInt(o.value());
        if (timeoutSeconds < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid number '" + o.value() + "'");
      }
    } else if (o.is("header")) {
      int colon = o.value().indexOf(':');
      try {
        headers.add(new HttpHeaders.Field(o.value().substring(0, Math.max(colon, 0)).trim(),
            o.value().substring(colon + 1).trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad header '" + o.value() + "'");
      }
    } else if (o.is("post-data")) {
      postData = o.value();
    }
  }

  boolean userHeader(String name) {
    return headers.stream().anyMatch(f -> f.is(name));
  }

  void usage(String problem) {
    ctx.err((problem == null ? "" : "wget: " + problem + "\n") + USAGE);
    ctx.exit(1);
  }

  void die(String message) {
    ctx.err("wget: " + message + "\n");
    ctx.exit(1);
  }

  void connecting(HttpUrl url, Ipv4Address ip) {
    if (!quiet) {
      ctx.err("Connecting to " + url.authority() + " (" + ip + ":" + url.port() + ")\n");
    }
  }

  /** With -S, a line of the server's response, as received. */
  void serverResponse(String line) {
    if (showResponse) {
      ctx.err("  " + line + "\n");
    }
  }

  /** The body arrived: to stdout with -O -, else to a file kubemu has not got. */
  void saved(HttpUrl url, byte[] body) {
    if (spider) {
      if (!quiet) {
        ctx.err("remote file exists\n");
      }
      return;
    }
    String name = output != null ? output : fileName(url);
    boolean stdout = name.equals("-");
    if (!quiet) {
      ctx.err(stdout ? "writing to stdout\n" : "saving to '" + name + "'\n");
    }
    if (stdout) {
      ctx.out(new String(body, StandardCharsets.UTF_8));
    }
    if (!quiet) {
      ctx.err(progress(name.substring(name.lastIndexOf('/') + 1), body.length)
          + (stdout ? "written to stdout\n" : "'" + name + "' saved\n"));
    }
  }

  /** The name wget saves to without -O: the last part of the path, or index.html. */
  static String fileName(HttpUrl url) {
    String path = url.target();
    int q = path.indexOf('?');
    String last = path.substring(path.lastIndexOf('/', q < 0 ? path.length() : q) + 1);
    return last.isEmpty() ? "index.html" : last;
  }

  /** The finished progress bar, as libbb's bb_progress_update draws it on an 80-column line. */
  static String progress(String file, long size) {
    int unit = 0;
    long shown = size;
    while (shown >= 100_000) {
      unit++;
      shown >>= 10;
    }
    return String.format("%-20.20s%4d%% |%s|%6d%c 0:00:00 ETA%n", file, 100, "*".repeat(31), shown,
        " kMGTPEZY".charAt(unit));
  }
}
