using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace SecureSageMaker;

/// <summary>An IPv4 or IPv6 CIDR block, parsed for validation and coverage checks.</summary>
internal readonly record struct Cidr(bool IsIpv6, BigInteger Address, int PrefixLength)
{
    public int Bits => IsIpv6 ? 128 : 32;

    public bool IsNetworkAddress => (Address & HostMask) == 0;

    /// <summary>Number of addresses in the block.</summary>
    public BigInteger Size => BigInteger.One << (Bits - PrefixLength);

    private BigInteger HostMask => Size - 1;

    /// <summary>Whether two blocks of one family share an address.</summary>
    public bool Overlaps(Cidr other)
    {
        if (IsIpv6 != other.IsIpv6)
        {
            return false;
        }

        var shorter = Math.Min(PrefixLength, other.PrefixLength);
        var mask = ((BigInteger.One << Bits) - 1) ^ ((BigInteger.One << (Bits - shorter)) - 1);
        return (Address & mask) == (other.Address & mask);
    }

    public static bool TryParse(string text, out Cidr cidr)
    {
        cidr = default;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !IPAddress.TryParse(parts[0], out var ip)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var v6 = ip.AddressFamily == AddressFamily.InterNetworkV6;
        if ((!v6 && parts[0].Count(c => c == '.') != 3) || prefix < 0 || prefix > (v6 ? 128 : 32))
        {
            return false;
        }

        cidr = new Cidr(v6, new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true), prefix);
        return true;
    }

    /// <summary>
    /// Addresses of the whole IPv4 (or IPv6) space that the blocks cover, counted without double
    /// counting nested blocks; equal to <see cref="Space"/> when together they admit everyone.
    /// </summary>
    public static BigInteger Covered(IEnumerable<Cidr> blocks, bool ipv6)
    {
        var sorted = blocks.Where(b => b.IsIpv6 == ipv6)
            .Select(b => (Start: b.Address & ~(b.Size - 1), End: (b.Address & ~(b.Size - 1)) + b.Size))
            .OrderBy(b => b.Start).ToList();
        BigInteger covered = 0, end = 0;
        foreach (var (start, stop) in sorted)
        {
            var from = BigInteger.Max(start, end);
            if (stop > from)
            {
                covered += stop - from;
                end = stop;
            }
        }

        return covered;
    }

    public static BigInteger Space(bool ipv6) => BigInteger.One << (ipv6 ? 128 : 32);
}
