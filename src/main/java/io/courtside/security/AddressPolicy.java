package io.courtside.security;

import io.courtside.kernel.InvalidUrlException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Keeps caller-given URLs away from our own network: a host must resolve only to public addresses
 * (no loopback, private, link-local, carrier-grade NAT such as Alibaba's 100.100.100.200 metadata
 * service, unique-local IPv6, or IPv4 forms of these mapped into IPv6). IPv6 addresses that a gateway translates
 * to IPv4 (NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32})
 * are refused whatever IPv4 address they embed: which IPv4 host the gateway reaches is the gateway's to decide (an
 * embedded private address is one way in, a NAT64 gateway inside our network another).
 */
@Component
public class AddressPolicy {

    /** Name resolution, a seam so tests can make any host name resolve anywhere. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final HostResolver resolver;

    public AddressPolicy() {
        this(InetAddress::getAllByName);
    }

    public AddressPolicy(HostResolver resolver) {
        this.resolver = resolver;
    }

    private static final java.util.regex.Pattern AMBIGUOUS_NUMERIC_HOST =
            java.util.regex.Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}");
    private static final java.util.regex.Pattern CANONICAL_IPV4 =
            java.util.regex.Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** Resolves {@code host} once; every address when {@code allowPrivate}, else only when all are public. */
    public List<InetAddress> resolve(String host, boolean allowPrivate) {
        if (!allowPrivate) {
            return requirePublic(host);
        }
        try {
            return List.of(resolver.resolve(host));
        } catch (UnknownHostException e) {
            throw new InvalidUrlException("the host '" + host + "' does not resolve");
        }
    }

    /** Resolves {@code host} and returns its addresses when every one of them is public. */
    public List<InetAddress> requirePublic(String host) {
        if (AMBIGUOUS_NUMERIC_HOST.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches()) {
            // 0177.0.0.1, 0x7f.1, 2130706433: parsers disagree on what these mean, so none is accepted.
            throw new InvalidUrlException("the host '" + host + "' is a non-canonical numeric address");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new InvalidUrlException("the host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new InvalidUrlException("the host '" + host + "' resolves to a non-public address");
            }
        }
        return List.of(addresses);
    }

    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedIpv4(b)) {
                return isPublicIpv4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (isTranslated(b)) {
                return false;
            }
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            return !(v6.isLoopbackAddress() || v6.isAnyLocalAddress() || v6.isLinkLocalAddress()
                    || v6.isSiteLocalAddress() || v6.isMulticastAddress() || uniqueLocal);
        }
        return address instanceof Inet4Address && isPublicIpv4(address.getAddress());
    }

    private static boolean isPublicIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT, Alibaba metadata
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0)
                || (a0 == 198 && (a1 == 18 || a1 == 19))
                || a0 >= 224);
    }

    /** NAT64 (well-known and local-use prefixes), 6to4 and Teredo: IPv6 addresses that lead to an IPv4 host. */
    static boolean isTranslated(byte[] b) {
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int w2 = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
        boolean nat64 = w0 == 0x0064 && w1 == 0xff9b && (w2 == 0x0001 // 64:ff9b:1::/48, local use (RFC 8215)
                || java.util.stream.IntStream.range(4, 12).allMatch(i -> b[i] == 0)); // 64:ff9b::/96 (RFC 6052)
        boolean sixToFour = w0 == 0x2002; // 2002::/16, IPv4 in bytes 2-5 (RFC 3056)
        boolean teredo = w0 == 0x2001 && w1 == 0x0000; // 2001::/32, server IPv4 in bytes 4-7 (RFC 4380)
        return nat64 || sixToFour || teredo;
    }

    private static boolean isMappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }

    /** True when {@code host} equals an entry, or ends with an entry that starts with a dot. */
    public static boolean hostMatches(String host, List<String> patterns) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.startsWith(".") ? h.endsWith(p) : h.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
