/*
 * ACPI tables, read once at boot: from the RSDP in boot_info through the
 * XSDT (or RSDT) to the MADT (local APIC address, legacy PICs) and the
 * FADT (ACPI PM timer). Firmware tables can be wrong: every table is
 * checksummed and bounds-checked and only read where boot_info lists RAM
 * (so it is in the direct map); whatever is broken or missing leaves the
 * PC defaults in place.
 */
#include "x86.h"

#include "string.h"

#define ACPI_MAX_TABLE_SIZE (1u << 20)
#define ACPI_HEADER_SIZE 36
#define RSDP_V1_SIZE 20
#define RSDP_V2_SIZE 36
#define PAGE_SIZE 4096ull

/* MADT: local APIC address and flags after the header, then entries. */
#define MADT_LAPIC_ADDRESS 36
#define MADT_FLAGS 40
#define MADT_ENTRIES 44
#define MADT_FLAG_PCAT_COMPAT (1u << 0)
#define MADT_ENTRY_LAPIC_ADDRESS_OVERRIDE 5

/* FADT field offsets (ACPI 6.x, table 5.9). */
#define FADT_PM_TIMER_BLOCK 76
#define FADT_PM_TIMER_LENGTH 91
#define FADT_FLAGS 112
#define FADT_X_PM_TIMER_BLOCK 208 /* generic address structure, 12 bytes */
#define FADT_FLAG_TIMER_32BIT (1u << 8)
#define FADT_FLAG_HARDWARE_REDUCED (1u << 20)
#define GAS_SYSTEM_IO 1

struct x86_platform x86_platform;

static const struct a9n_boot_info *boot_memory;

/* Whether [paddr, paddr + size) is RAM listed in boot_info, page by page. */
static bool is_listed_ram(uint64_t paddr, uint64_t size)
{
    if (size == 0 || paddr + size < paddr)
        return false;
    for (uint64_t page = paddr & ~(PAGE_SIZE - 1); page < paddr + size; page += PAGE_SIZE) {
        bool found = false;
        for (uint32_t i = 0; i < boot_memory->memory_region_count && !found; i++) {
            const struct a9n_memory_region *region = &boot_memory->memory[i];
            found = region->type != A9N_MEMORY_DEVICE && page >= region->base &&
                    page - region->base < region->size;
        }
        if (!found)
            return false;
    }
    return true;
}

static const uint8_t *acpi_bytes(uint64_t paddr, uint64_t size)
{
    return is_listed_ram(paddr, size) ? hal_phys_to_virt(paddr) : NULL;
}

static bool checksum_ok(const uint8_t *bytes, uint32_t size)
{
    uint8_t sum = 0;
    for (uint32_t i = 0; i < size; i++)
        sum += bytes[i];
    return sum == 0;
}

/* The table at `paddr` if its signature, length and checksum are right. */
static const uint8_t *acpi_table(uint64_t paddr, const char *signature, uint32_t *length)
{
    const uint8_t *header = acpi_bytes(paddr, ACPI_HEADER_SIZE);
    if (header == NULL || (signature != NULL && memcmp(header, signature, 4) != 0))
        return NULL;
    *length = x86_read32(header + 4);
    if (*length < ACPI_HEADER_SIZE || *length > ACPI_MAX_TABLE_SIZE ||
        acpi_bytes(paddr, *length) == NULL || !checksum_ok(header, *length))
        return NULL;
    return header;
}

static void read_madt(const uint8_t *madt, uint32_t length)
{
    if (length < MADT_ENTRIES)
        return;
    x86_platform.madt = madt;
    x86_platform.madt_length = length;
    x86_platform.lapic = x86_read32(madt + MADT_LAPIC_ADDRESS);
    x86_platform.legacy_pics = x86_read32(madt + MADT_FLAGS) & MADT_FLAG_PCAT_COMPAT;
    for (uint32_t offset = MADT_ENTRIES; length - offset >= 2;) {
        uint8_t type = madt[offset], entry_length = madt[offset + 1];
        if (entry_length < 2 || entry_length > length - offset)
            break;
        /* A 64-bit local APIC address replaces the 32-bit one. */
        if (type == MADT_ENTRY_LAPIC_ADDRESS_OVERRIDE && entry_length >= 12)
            x86_platform.lapic = x86_read64(madt + offset + 4);
        offset += entry_length;
    }
}

static void read_fadt(const uint8_t *fadt, uint32_t length)
{
    if (length < FADT_FLAGS + 4)
        return;
    uint32_t flags = x86_read32(fadt + FADT_FLAGS);
    /* Hardware-reduced ACPI has no fixed hardware: the PM timer fields are ignored. */
    if (flags & FADT_FLAG_HARDWARE_REDUCED)
        return;
    uint64_t port = 0;
    if (length >= FADT_X_PM_TIMER_BLOCK + 12 && fadt[FADT_X_PM_TIMER_BLOCK] == GAS_SYSTEM_IO)
        port = x86_read64(fadt + FADT_X_PM_TIMER_BLOCK + 4);
    if (port == 0 && fadt[FADT_PM_TIMER_LENGTH] == 4)
        port = x86_read32(fadt + FADT_PM_TIMER_BLOCK);
    if (port == 0 || port > 0xfffc)
        return;
    x86_platform.pm_timer_port = (uint16_t)port;
    x86_platform.pm_timer_32bit = flags & FADT_FLAG_TIMER_32BIT;
}

/* The XSDT (8-byte entries) when the RSDP has one, else the RSDT (4-byte). */
static const uint8_t *root_table(uint64_t rsdp_paddr, uint32_t *length, unsigned *entry_size)
{
    const uint8_t *rsdp = acpi_bytes(rsdp_paddr, RSDP_V1_SIZE);
    if (rsdp == NULL || memcmp(rsdp, "RSD PTR ", 8) != 0 || !checksum_ok(rsdp, RSDP_V1_SIZE))
        return NULL;
    if (rsdp[15] >= 2 && acpi_bytes(rsdp_paddr, RSDP_V2_SIZE) != NULL &&
        checksum_ok(rsdp, RSDP_V2_SIZE) && x86_read64(rsdp + 24) != 0) {
        const uint8_t *xsdt = acpi_table(x86_read64(rsdp + 24), "XSDT", length);
        if (xsdt != NULL) {
            *entry_size = 8;
            return xsdt;
        }
    }
    *entry_size = 4;
    return acpi_table(x86_read32(rsdp + 16), "RSDT", length);
}

void x86_acpi_init(const struct a9n_boot_info *boot_info)
{
    /* A PC without (usable) ACPI: the 8259 pair and the architectural APIC base. */
    x86_platform = (struct x86_platform){
        .lapic = x86_rdmsr(X86_MSR_APIC_BASE) & 0xffffff000ull,
        .legacy_pics = true,
    };
    boot_memory = boot_info;

    uint32_t root_length;
    unsigned entry_size;
    const uint8_t *root = boot_info->arch.acpi_rsdp == 0
                              ? NULL
                              : root_table(boot_info->arch.acpi_rsdp, &root_length, &entry_size);
    if (root == NULL) {
        kernel_printf("x86_64: no usable ACPI tables, assuming PC defaults\n");
        return;
    }
    for (uint32_t offset = ACPI_HEADER_SIZE; root_length - offset >= entry_size;
         offset += entry_size) {
        uint64_t paddr = entry_size == 8 ? x86_read64(root + offset) : x86_read32(root + offset);
        uint32_t length;
        const uint8_t *table = acpi_table(paddr, NULL, &length);
        if (table == NULL)
            continue;
        if (memcmp(table, "APIC", 4) == 0)
            read_madt(table, length);
        else if (memcmp(table, "FACP", 4) == 0)
            read_fadt(table, length);
    }
    kernel_printf("x86_64: ACPI: local APIC at %lx, %s8259 PICs, %s\n", x86_platform.lapic,
                  x86_platform.legacy_pics ? "" : "no ",
                  x86_platform.pm_timer_port != 0 ? "PM timer" : "no PM timer");
}
