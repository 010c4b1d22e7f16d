package io.kubemu.emulator.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.kubemu.emulator.host.ClusterSettings;
import java.util.List;

/**
 * {@code up --set KEY=VALUE}: a setting under kubemu.cluster for this cluster only, written into
 * the state folder's cluster.conf that every host reads. Unknown keys and values of the wrong
 * type are refused before any host starts.
 */
final class SettingsOption {
  private static final String PREFIX = "kubemu.cluster.";

  private SettingsOption() {}

  static String path(String setting) {
    int eq = setting.indexOf('=');
    if (eq <= 0) {
      throw new CliException("--set " + setting + ": expected KEY=VALUE, e.g. --set pod-eviction-timeout=30s");
    }
    String key = setting.substring(0, eq).trim();
    return key.startsWith(PREFIX) ? key : PREFIX + key;
  }

  private static String value(String setting) {
    return setting.substring(setting.indexOf('=') + 1).trim();
  }

  /**
   * The settings as HOCON lines. Values are quoted, so HOCON reads them as strings and converts them
   * by type; a value in brackets is a list (such as external-hosts) and is read as HOCON.
   */
  static String hocon(List<String> settings) {
    StringBuilder b = new StringBuilder();
    for (String s : settings) {
      String v = value(s);
      String text = v.startsWith("[") ? v : quote(v);
      b.append(path(s)).append(" = ").append(ConfigFactory.parseString("v = " + text).getValue("v").render()).append('\n');
    }
    return b.toString();
  }

  private static String quote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static ClusterSettings check(List<String> settings) {
    return check("", settings);
  }

  /**
   * Checks the settings as the hosts will read them: after {@code base}, the lines up writes first
   * (the backend, the cluster CIDR and the proxy mode of its options), so that a setting that does
   * not go with an option (several node segments with --cni flannel-host-gw) is refused too.
   */
  static ClusterSettings check(String base, List<String> settings) {
    Config defaults = ConfigFactory.load();
    for (String s : settings) {
      String key = path(s);
      if (!defaults.hasPath(key) || defaults.getValue(key).valueType() == ConfigValueType.OBJECT) {
        throw new CliException("--set " + s + ": unknown setting " + key + " (settings: "
            + String.join(", ", defaults.getConfig("kubemu.cluster").entrySet().stream().map(e -> e.getKey()).sorted().toList()) + ")");
      }
    }
    try {
      return ClusterSettings.from(ConfigFactory.parseString(base + hocon(settings)).withFallback(defaults));
    } catch (ConfigException | IllegalArgumentException e) {
      throw new CliException("--set: " + e.getMessage());
    }
  }
}
