/* Wine 8 has no bcryptprimitives.dll, from which Rust's standard library takes ProcessPrng
 * for random numbers (hash seeds, temporary file names). This one function, placed beside a
 * test .exe, lets it start under Wine: it asks advapi32's RtlGenRandom (SystemFunction036),
 * which Wine has. For running tests under Wine only; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
