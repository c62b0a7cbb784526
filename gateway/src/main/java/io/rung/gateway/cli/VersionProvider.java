package io.rung.gateway.cli;

import io.rung.gateway.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code rung --version}: the version from the jar manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"rung " + Version.current() + " (Java " + Runtime.version() + ")"};
    }
}
