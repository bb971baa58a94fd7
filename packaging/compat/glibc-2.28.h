/* Force-included into every C file of the Python build for x86-64 (inside.sh): glibc 2.29 gave exp, exp2, log,
 * log2 and pow new symbol versions, and code built against glibc 2.31 would ask for those.  Binding to the older
 * versions, which every glibc still has, keeps the folder runnable on glibc 2.28 (UOS 20). */
#if defined(__x86_64__) && !defined(__ASSEMBLER__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif
