using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// y = L·x for a lower-triangular L (a Cholesky factor), computed several rows at a time with SIMD yet bit for bit
/// equal to the plain row-by-row loop <see cref="MultiplyReference"/>: the synthetic market's output for a seed must
/// not change with the hardware.
/// </summary>
/// <remarks>
/// <para>The plain loop sums each row from column 0 up, one dependent add after another: about n²/2 adds in a chain of
/// floating-point latencies. Here a block of <see cref="BlockRows"/> rows is summed in lock step, one SIMD lane per row,
/// column by column: every row's sum still takes its products in the same order (0, 1, …), each product and each
/// addition rounded exactly as in the scalar loop (a separate multiply and add, never a fused one), so every lane's
/// result equals the scalar one. A row's lane goes on past its diagonal with zero coefficients: adding 0·x (±0, x
/// finite) leaves the sum unchanged (up to the sign of an exact zero sum, which nothing downstream can tell apart).</para>
/// <para>Without hardware SIMD the reference loop runs instead.</para>
/// </remarks>
internal sealed class LowerTriangularProduct
{
    /// <summary>Rows summed together: two 4-lane vectors, independent of each other so their adds overlap.</summary>
    public const int BlockRows = 8;

    private readonly int n;
    private readonly double[] packed;
    private readonly double[] blocked;

    /// <summary>Takes L packed by rows (row i has i + 1 entries) for an <paramref name="n"/> × <paramref name="n"/> matrix.</summary>
    public LowerTriangularProduct(double[] packedLower, int n)
    {
        ArgumentNullException.ThrowIfNull(packedLower);
        if (packedLower.Length != n * (n + 1) / 2)
        {
            throw new ArgumentException($"A packed {n} × {n} lower triangle has {n * (n + 1) / 2} entries, not {packedLower.Length}.", nameof(packedLower));
        }

        this.n = n;
        packed = packedLower;
        // Block b covers rows 8b .. 8b + 7 and columns 0 .. min(8b + 8, n) − 1; each column holds the block's 8
        // coefficients in row order (zero above the diagonal and past the last row).
        var size = 0;
        for (var row = 0; row < n; row += BlockRows)
        {
            size += BlockRows * Math.Min(row + BlockRows, n);
        }

        blocked = new double[size];
        var o = 0;
        for (var row = 0; row < n; row += BlockRows)
        {
            var columns = Math.Min(row + BlockRows, n);
            for (var c = 0; c < columns; c++)
            {
                for (var lane = 0; lane < BlockRows; lane++)
                {
                    var r = row + lane;
                    blocked[o++] = r < n && c <= r ? packedLower[(r * (r + 1) / 2) + c] : 0;
                }
            }
        }
    }

    /// <summary>Matrix size.</summary>
    public int Size => n;

    /// <summary>y = L·x (both of length <see cref="Size"/> at least).</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length < n || y.Length < n)
        {
            throw new ArgumentException($"Vectors must have at least {n} entries.");
        }

        if (!Vector256.IsHardwareAccelerated)
        {
            MultiplyReference(packed, n, x, y);
            return;
        }

        ref var m = ref MemoryMarshal.GetArrayDataReference(blocked);
        ref var xs = ref MemoryMarshal.GetReference(x);
        nuint o = 0;
        Span<double> lanes = stackalloc double[BlockRows];
        for (var row = 0; row < n; row += BlockRows)
        {
            var columns = Math.Min(row + BlockRows, n);
            var low = Vector256<double>.Zero;
            var high = Vector256<double>.Zero;
            for (var c = 0; c < columns; c++)
            {
                var xc = Vector256.Create(Unsafe.Add(ref xs, c));
                // Multiply, then add: two roundings, as in the scalar loop (Vector256 operators are never fused).
                low = Vector256.Add(low, Vector256.Multiply(Vector256.LoadUnsafe(ref m, o), xc));
                high = Vector256.Add(high, Vector256.Multiply(Vector256.LoadUnsafe(ref m, o + 4), xc));
                o += BlockRows;
            }

            var rows = Math.Min(BlockRows, n - row);
            low.CopyTo(lanes);
            high.CopyTo(lanes[4..]);
            lanes[..rows].CopyTo(y.Slice(row, rows));
        }
    }

    /// <summary>The plain loop: row by row, each row summed from column 0 up. The definition <see cref="Multiply"/> must match bit for bit.</summary>
    public static void MultiplyReference(double[] packedLower, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        ArgumentNullException.ThrowIfNull(packedLower);
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            for (var c = 0; c <= i; c++)
            {
                sum += packedLower[k++] * x[c];
            }

            y[i] = sum;
        }
    }
}
