package dev.tributary.server.cli;

import dev.tributary.server.Tributary;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"Tributary " + Tributary.version()};
    }
}
