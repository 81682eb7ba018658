using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The key material of the journal's hash chain (format version 3): the secret point <c>H</c> of the polynomial hash
/// the chain is made of, and the HMAC-SHA256 key that authenticates chain values at checkpoints. Both are derived
/// from <c>journal.hmacKey</c> (HMAC-SHA256 of the key over fixed labels); without a key they are derived from a
/// public constant, so the chain still detects accidental damage but authenticates nothing ("unauthenticated").
/// </summary>
/// <remarks>
/// Design (docs/journal-format.md, "Tamper evidence"): chain_n = (chain_{n-1} · H^k) ⊕ Σ B_i · H^(k+1-i) over
/// GF(2^128) (x^128 + x^7 + x^2 + x + 1), where B_1..B_k are the record's bytes (header with its CRC, padded payload)
/// in 16-byte blocks — Horner's rule over every record of the journal in order, i.e. a GHASH-style polynomial hash
/// of the whole record stream. With a secret H it is ε-almost-XOR-universal (ε = blocks / 2^128): nobody without the
/// key can change, insert, remove or reorder records and keep the chain value. The chain value itself is never
/// stored in the clear when keyed: checkpoints store it masked (⊕ a PRF of the sequence) next to
/// HMAC-SHA256(key, journal id ‖ sequence ‖ chain), the Carter–Wegman construction (universal hash, then a PRF).
/// One multiply per 16 bytes with the carry-less multiply instruction: a few nanoseconds per record on the writer.
/// </remarks>
public sealed class JournalChainKey
{
    private static readonly byte[] PublicKey = Encoding.UTF8.GetBytes("MultiAsset.Engine journal chain: no key configured (unauthenticated)");

    private JournalChainKey(byte[] secret, bool keyed)
    {
        Keyed = keyed;
        Span<byte> derived = stackalloc byte[32];
        HMACSHA256.HashData(secret, "MAEJ-ghash-point"u8, derived);
        var h = Vector128.Create(BinaryPrimitives.ReadUInt64LittleEndian(derived), BinaryPrimitives.ReadUInt64LittleEndian(derived[8..]));
        if (h == Vector128<ulong>.Zero)
        {
            h = Vector128.Create(1UL, 0UL);
        }

        Powers = new Vector128<ulong>[JournalChain.Aggregate + 1];
        Powers[0] = Vector128.Create(1UL, 0UL);
        for (int i = 1; i < Powers.Length; i++)
        {
            Powers[i] = JournalChain.Multiply(Powers[i - 1], h);
        }

        MacKey = HMACSHA256.HashData(secret, "MAEJ-checkpoint-mac"u8);
        HMACSHA256.HashData(secret, "MAEJ-key-id"u8, derived);
        KeyId = keyed ? BinaryPrimitives.ReadUInt64LittleEndian(derived) | 1 : 0;
    }

    /// <summary>The key material when no key is configured: detects accidental damage only.</summary>
    public static JournalChainKey Unauthenticated { get; } = new(PublicKey, keyed: false);

    /// <summary>Whether a secret key was configured (checkpoints are then authenticated).</summary>
    public bool Keyed { get; }

    /// <summary>A fingerprint of the key (0 when unkeyed), stored with every link so a wrong key is told from tampering.</summary>
    public ulong KeyId { get; }

    /// <summary>H^0 .. H^Aggregate.</summary>
    internal Vector128<ulong>[] Powers { get; }

    private byte[] MacKey { get; }

    /// <summary>The key material for <paramref name="key"/> (null or empty: <see cref="Unauthenticated"/>).</summary>
    public static JournalChainKey For(byte[]? key) => key is { Length: > 0 } ? new JournalChainKey(key, keyed: true) : Unauthenticated;

    /// <summary>HMAC-SHA256(key, "MAEJCHN1" ‖ journal id ‖ sequence ‖ chain), truncated to <see cref="JournalChainLink.TagSize"/> bytes.</summary>
    internal void Tag(ulong journalId, long sequence, Vector128<ulong> chain, Span<byte> tag)
    {
        Span<byte> message = stackalloc byte[40];
        "MAEJCHN1"u8.CopyTo(message);
        BinaryPrimitives.WriteUInt64LittleEndian(message[8..], journalId);
        BinaryPrimitives.WriteInt64LittleEndian(message[16..], sequence);
        BinaryPrimitives.WriteUInt64LittleEndian(message[24..], chain.GetElement(0));
        BinaryPrimitives.WriteUInt64LittleEndian(message[32..], chain.GetElement(1));
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(MacKey, message, full);
        full[..JournalChainLink.TagSize].CopyTo(tag);
    }

    /// <summary>The one-time mask of the chain value stored at <paramref name="sequence"/> (a PRF of the sequence).</summary>
    internal Vector128<ulong> Mask(ulong journalId, long sequence)
    {
        Span<byte> message = stackalloc byte[24];
        "MAEJMSK1"u8.CopyTo(message);
        BinaryPrimitives.WriteUInt64LittleEndian(message[8..], journalId);
        BinaryPrimitives.WriteInt64LittleEndian(message[16..], sequence);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(MacKey, message, full);
        return Vector128.Create(BinaryPrimitives.ReadUInt64LittleEndian(full), BinaryPrimitives.ReadUInt64LittleEndian(full[8..]));
    }

    /// <summary>A link (checkpoint) for the chain value <paramref name="chain"/> after record <paramref name="sequence"/>.</summary>
    internal JournalChainLink Link(ulong journalId, long sequence, Vector128<ulong> chain, JournalChainLinkKind kind)
    {
        var masked = chain ^ Mask(journalId, sequence);
        var link = new JournalChainLink
        {
            Sequence = sequence,
            KeyId = KeyId,
            Masked0 = masked.GetElement(0),
            Masked1 = masked.GetElement(1),
            Kind = kind,
            Flags = Keyed ? JournalChainLink.FlagKeyed : (ushort)0,
        };
        Tag(journalId, sequence, chain, link.TagSpan);
        link.Seal();
        return link;
    }

    /// <summary>
    /// Opens a link: the chain value it carries, or null with the reason when it does not authenticate under this key.
    /// </summary>
    internal Vector128<ulong>? Open(ulong journalId, in JournalChainLink link, out string? problem)
    {
        if (!link.CrcValid)
        {
            problem = "link CRC mismatch (damaged)";
            return null;
        }

        if (link.KeyId != KeyId)
        {
            problem = link.KeyId == 0
                ? "written without a key (unauthenticated) but a key was given"
                : KeyId == 0 ? "written with a key: pass --key or --key-file to verify it" : "written with a different key (key id mismatch)";
            return null;
        }

        var chain = Vector128.Create(link.Masked0, link.Masked1) ^ Mask(journalId, link.Sequence);
        Span<byte> tag = stackalloc byte[JournalChainLink.TagSize];
        Tag(journalId, link.Sequence, chain, tag);
        var copy = link;
        if (!CryptographicOperations.FixedTimeEquals(tag, copy.TagSpan))
        {
            problem = Keyed ? "HMAC does not authenticate (forged or altered without the key)" : "checksum does not match (damaged or altered)";
            return null;
        }

        problem = null;
        return chain;
    }
}

/// <summary>What a <see cref="JournalChainLink"/> marks.</summary>
public enum JournalChainLinkKind : ushort
{
    /// <summary>The start of a chain (chain value 0 before the first chained record).</summary>
    Genesis = 1,

    /// <summary>The chain carried into a segment from the end of the previous one (segment header).</summary>
    Segment = 2,

    /// <summary>A periodic checkpoint every <see cref="JournalOptions.ChainCheckpointEvery"/> records.</summary>
    Periodic = 3,

    /// <summary>The checkpoint written when the writer closes (the last record at a clean close).</summary>
    Close = 4,
}

/// <summary>
/// A chain value bound to a sequence: 64 bytes, little-endian; stored at offset 64 of every version-3 segment (the
/// chain at the end of the previous segment) and appended to <c>journal.chain</c> (the periodic checkpoints).
/// </summary>
/// <remarks>
/// <code>
///   0          8        16               32                    56     58      60      64
///   +----------+--------+----------------+---------------------+------+-------+-------+
///   | Sequence | KeyId  | chain ⊕ mask   | HMAC-SHA256 (24 B)  | Kind | Flags | CRC32C|
///   +----------+--------+----------------+---------------------+------+-------+-------+
/// </code>
/// Sequence is the last record the chain value includes (first sequence − 1 in a segment header).
/// </remarks>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = Size)]
public unsafe struct JournalChainLink
{
    /// <summary>Bytes on disk.</summary>
    public const int Size = 64;

    /// <summary>Bytes of the truncated HMAC.</summary>
    public const int TagSize = 24;

    /// <summary>Flags bit: written with a configured key.</summary>
    public const ushort FlagKeyed = 1;

    /// <summary>The last sequence the chain value covers.</summary>
    [System.Runtime.InteropServices.FieldOffset(0)]
    public long Sequence;

    /// <summary>Key fingerprint (0: unkeyed).</summary>
    [System.Runtime.InteropServices.FieldOffset(8)]
    public ulong KeyId;

    /// <summary>Chain value ⊕ mask, low half.</summary>
    [System.Runtime.InteropServices.FieldOffset(16)]
    public ulong Masked0;

    /// <summary>Chain value ⊕ mask, high half.</summary>
    [System.Runtime.InteropServices.FieldOffset(24)]
    public ulong Masked1;

    [System.Runtime.InteropServices.FieldOffset(32)]
    private fixed byte tag[TagSize];

    /// <summary>What the link marks.</summary>
    [System.Runtime.InteropServices.FieldOffset(56)]
    public JournalChainLinkKind Kind;

    /// <summary><see cref="FlagKeyed"/>.</summary>
    [System.Runtime.InteropServices.FieldOffset(58)]
    public ushort Flags;

    /// <summary>CRC32C of bytes [0, 60).</summary>
    [System.Runtime.InteropServices.FieldOffset(60)]
    public uint Crc;

    /// <summary>The HMAC bytes.</summary>
    [UnscopedRef]
    public Span<byte> TagSpan => System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref tag[0], TagSize);

    /// <summary>Whether the CRC matches.</summary>
    public readonly bool CrcValid
    {
        get
        {
            var copy = this;
            return JournalCrc.Compute((byte*)&copy, 60) == Crc;
        }
    }

    /// <summary>Computes the CRC.</summary>
    public void Seal()
    {
        fixed (JournalChainLink* p = &this)
        {
            Crc = JournalCrc.Compute((byte*)p, 60);
        }
    }
}

/// <summary>
/// The running chain value (see <see cref="JournalChainKey"/>): absorbs whole records in journal order. One per
/// writer (on its thread) and per verification.
/// </summary>
public sealed unsafe class JournalChain
{
    /// <summary>Blocks folded per reduction in the 96-byte input-record path (6 × 16 bytes).</summary>
    internal const int Aggregate = 6;

    private readonly Vector128<ulong>[] powers;
    private Vector128<ulong> value;

    /// <summary>A chain at <paramref name="start"/> (0 for a new chain).</summary>
    public JournalChain(JournalChainKey key, Vector128<ulong> start = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        powers = key.Powers;
        value = start;
    }

    /// <summary>The key material.</summary>
    public JournalChainKey Key { get; }

    /// <summary>The chain value after the last record absorbed.</summary>
    public Vector128<ulong> Value
    {
        get => value;
        set => this.value = value;
    }

    /// <summary>
    /// Absorbs one record of <paramref name="size"/> bytes (header and padded payload: a multiple of 8) at
    /// <paramref name="record"/>; a trailing half block is padded with zeros.
    /// </summary>
    public void Absorb(byte* record, long size)
    {
        var h = powers[1];
        var acc = value;
        while (size >= 16)
        {
            acc = Multiply(acc ^ Vector128.Load((ulong*)record), h);
            record += 16;
            size -= 16;
        }

        if (size > 0)
        {
            acc = Multiply(acc ^ Vector128.Create(*(ulong*)record, 0UL), h);
        }

        value = acc;
    }

    /// <summary>
    /// Absorbs a 96-byte input-event record given as its twelve little-endian words (as the writer has them in
    /// registers): header words then payload words. Equal to <see cref="Absorb"/> over the same bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AbsorbInput(ulong w0, ulong w1, ulong w2, ulong w3, ulong p0, ulong p1, ulong p2, ulong p3, ulong p4, ulong p5, ulong p6, ulong p7)
    {
        if (!Pclmulqdq.IsSupported)
        {
            AbsorbInputPortable(w0, w1, w2, w3, p0, p1, p2, p3, p4, p5, p6, p7);
            return;
        }

        // Horner over six blocks, folded: (acc ⊕ B1)·H^6 ⊕ B2·H^5 ⊕ … ⊕ B6·H, reduced once.
        ref var pw = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(powers);
        Vector128<ulong> lo = default, mid = default, hi = default;
        MultiplyAdd(value ^ Vector128.Create(w0, w1), Unsafe.Add(ref pw, 6), ref lo, ref mid, ref hi);
        MultiplyAdd(Vector128.Create(w2, w3), Unsafe.Add(ref pw, 5), ref lo, ref mid, ref hi);
        MultiplyAdd(Vector128.Create(p0, p1), Unsafe.Add(ref pw, 4), ref lo, ref mid, ref hi);
        MultiplyAdd(Vector128.Create(p2, p3), Unsafe.Add(ref pw, 3), ref lo, ref mid, ref hi);
        MultiplyAdd(Vector128.Create(p4, p5), Unsafe.Add(ref pw, 2), ref lo, ref mid, ref hi);
        MultiplyAdd(Vector128.Create(p6, p7), Unsafe.Add(ref pw, 1), ref lo, ref mid, ref hi);
        value = Reduce(lo, mid, hi);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AbsorbInputPortable(ulong w0, ulong w1, ulong w2, ulong w3, ulong p0, ulong p1, ulong p2, ulong p3, ulong p4, ulong p5, ulong p6, ulong p7)
    {
        ulong* words = stackalloc ulong[] { w0, w1, w2, w3, p0, p1, p2, p3, p4, p5, p6, p7 };
        Absorb((byte*)words, 96);
    }

    /// <summary>a · b in GF(2^128) modulo x^128 + x^7 + x^2 + x + 1 (element 0 holds the low 64 coefficients).</summary>
    public static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        if (Pclmulqdq.IsSupported)
        {
            Vector128<ulong> lo = default, mid = default, hi = default;
            MultiplyAdd(a, b, ref lo, ref mid, ref hi);
            return Reduce(lo, mid, hi);
        }

        return MultiplyPortable(a, b);
    }

    /// <summary>The same product computed bit by bit (no carry-less multiply instruction; also the tests' reference).</summary>
    internal static Vector128<ulong> MultiplyPortable(Vector128<ulong> a, Vector128<ulong> b)
    {
        var (l0, l1) = ClMul(a.GetElement(0), b.GetElement(0));
        var (h0, h1) = ClMul(a.GetElement(1), b.GetElement(1));
        var (m0, m1) = ClMul(a.GetElement(0), b.GetElement(1));
        var (n0, n1) = ClMul(a.GetElement(1), b.GetElement(0));
        ulong p0 = l0, p1 = l1 ^ m0 ^ n0, p2 = h0 ^ m1 ^ n1, p3 = h1;
        var (t20, t21) = ClMul(p2, 0x87);
        var (t30, t31) = ClMul(p3, 0x87);
        var (u0, _) = ClMul(t31, 0x87);
        return Vector128.Create(p0 ^ t20 ^ u0, p1 ^ t21 ^ t30);
    }

    private static (ulong Lo, ulong Hi) ClMul(ulong a, ulong b)
    {
        ulong lo = 0, hi = 0;
        for (int i = 0; i < 64; i++)
        {
            if (((b >> i) & 1) != 0)
            {
                lo ^= a << i;
                hi ^= i == 0 ? 0 : a >> (64 - i);
            }
        }

        return (lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAdd(Vector128<ulong> a, Vector128<ulong> b, ref Vector128<ulong> lo, ref Vector128<ulong> mid, ref Vector128<ulong> hi)
    {
        lo ^= Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        hi ^= Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        mid ^= Pclmulqdq.CarrylessMultiply(a, b, 0x01) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x10);
    }

    /// <summary>Reduces the 256-bit product lo ⊕ mid·x^64 ⊕ hi·x^128: x^128 ≡ x^7 + x^2 + x + 1 (0x87), folded twice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reduce(Vector128<ulong> lo, Vector128<ulong> mid, Vector128<ulong> hi)
    {
        var l = lo ^ Sse2.ShiftLeftLogical128BitLane(mid.AsByte(), 8).AsUInt64();
        var h = hi ^ Sse2.ShiftRightLogical128BitLane(mid.AsByte(), 8).AsUInt64();
        var r = Vector128.Create(0x87UL, 0UL);
        var t2 = Pclmulqdq.CarrylessMultiply(h, r, 0x00);
        var t3 = Pclmulqdq.CarrylessMultiply(h, r, 0x01);
        var u = Pclmulqdq.CarrylessMultiply(t3, r, 0x01);
        return l ^ t2 ^ u ^ Sse2.ShiftLeftLogical128BitLane(t3.AsByte(), 8).AsUInt64();
    }
}
