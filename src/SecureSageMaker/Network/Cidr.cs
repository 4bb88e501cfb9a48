using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SecureSageMaker.Network;

/// <summary>An IPv4 CIDR block, parsed for validation and capacity checks.</summary>
internal readonly record struct Cidr(uint Address, int PrefixLength)
{
    public bool IsNetworkAddress => PrefixLength == 0 || (Address & ~Mask) == 0;

    private uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public static bool TryParse(string text, out Cidr cidr)
    {
        cidr = default;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !IPAddress.TryParse(parts[0], out var ip)
            || ip.AddressFamily != AddressFamily.InterNetwork
            || parts[0].Count(c => c == '.') != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 0 or > 32)
        {
            return false;
        }

        var bytes = ip.GetAddressBytes();
        var address = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        cidr = new Cidr(address, prefix);
        return true;
    }
}
