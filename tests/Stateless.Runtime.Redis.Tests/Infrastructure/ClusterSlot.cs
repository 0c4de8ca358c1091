using System;
using System.Text;

namespace Stateless.Runtime.Redis.Tests.Infrastructure;

/// <summary>The Redis Cluster key slot (CRC16/XMODEM of the hash tag, or of the whole key, mod 16384), per the cluster spec.</summary>
public static class ClusterSlot
{
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        int open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            int close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1)
            {
                bytes = bytes[(open + 1)..close];
            }
        }

        return Crc16(bytes) % 16384;
    }

    private static int Crc16(ReadOnlySpan<byte> data)
    {
        int crc = 0;
        foreach (byte b in data)
        {
            crc ^= b << 8;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }

        return crc;
    }
}
