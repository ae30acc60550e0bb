/*
 * The I/O APICs: where device interrupt lines (global system interrupts,
 * GSIs) become vectors on this CPU. Their addresses, GSI bases and the ISA
 * interrupt source overrides come from the ACPI MADT; without ACPI the PC
 * default applies (one I/O APIC at 0xfec00000, ISA IRQ n = GSI n). The
 * legacy PICs stay masked (timer.c).
 *
 * Every pin starts masked. A pin that fires is masked again before the
 * local APIC EOI, so a level-triggered device that holds its line asserted
 * until its driver runs does not re-interrupt; the kernel unmasks it when
 * the driver acks.
 */
#include "ioapic.h"

#include "string.h"

#define IOAPIC_MAX 8
#define IOAPIC_DEFAULT_ADDRESS 0xfec00000ull
#define IOAPIC_REGISTER_SELECT 0
#define IOAPIC_REGISTER_WINDOW 4 /* in 32-bit words: offset 0x10 */
#define IOAPIC_VERSION 1
#define IOAPIC_REDIRECTION(pin) (0x10 + 2 * (pin))
#define IOAPIC_MASKED (1u << 16)
#define IOAPIC_LEVEL (1u << 15)
#define IOAPIC_ACTIVE_LOW (1u << 13)

#define ISA_IRQS 16

/* ACPI layout (ACPI 6.x §5.2.12) and the MADT entries read here. */
#define MADT_ENTRIES 44
#define MADT_IOAPIC 1
#define MADT_SOURCE_OVERRIDE 2
#define MPS_POLARITY_MASK 0x3
#define MPS_POLARITY_LOW 0x3
#define MPS_TRIGGER_MASK 0xc
#define MPS_TRIGGER_LEVEL 0xc

struct ioapic {
    volatile uint32_t *registers;
    unsigned gsi_base, pins;
};

/* ISA IRQ -> GSI and the pin's polarity/trigger, as the MADT overrides say. */
struct isa_route {
    unsigned line;
    uint32_t flags; /* IOAPIC_LEVEL | IOAPIC_ACTIVE_LOW bits */
};

static struct ioapic ioapics[IOAPIC_MAX];
static unsigned ioapic_count;
static unsigned line_count;
static struct isa_route isa_routes[ISA_IRQS];
static uint32_t local_apic_id;

/* ---- reading the MADT --------------------------------------------------------- */

static uint32_t mps_flags(uint16_t mps, uint32_t isa_default)
{
    uint32_t flags = isa_default;
    if ((mps & MPS_POLARITY_MASK) != 0)
        flags = (flags & ~IOAPIC_ACTIVE_LOW) |
                ((mps & MPS_POLARITY_MASK) == MPS_POLARITY_LOW ? IOAPIC_ACTIVE_LOW : 0);
    if ((mps & MPS_TRIGGER_MASK) != 0)
        flags = (flags & ~IOAPIC_LEVEL) |
                ((mps & MPS_TRIGGER_MASK) == MPS_TRIGGER_LEVEL ? IOAPIC_LEVEL : 0);
    return flags;
}

static void add_ioapic(uint64_t address, uint32_t gsi_base)
{
    if (ioapic_count == IOAPIC_MAX)
        return;
    ioapics[ioapic_count++] = (struct ioapic){
        .registers = (volatile uint32_t *)x86_map_device(address, 1),
        .gsi_base = gsi_base,
    };
}

static void read_madt(const uint8_t *madt, uint32_t length)
{
    for (uint32_t offset = MADT_ENTRIES; length >= MADT_ENTRIES && length - offset >= 2;) {
        const uint8_t *entry = madt + offset;
        uint8_t type = entry[0], entry_length = entry[1];
        if (entry_length < 2 || entry_length > length - offset)
            break;
        if (type == MADT_IOAPIC && entry_length >= 12)
            add_ioapic(x86_read32(entry + 4), x86_read32(entry + 8));
        /* Bus 0 is ISA: IRQ `source` is wired to `gsi` with these flags. */
        if (type == MADT_SOURCE_OVERRIDE && entry_length >= 10 && entry[2] == 0 &&
            entry[3] < ISA_IRQS) {
            uint16_t mps = (uint16_t)(entry[8] | entry[9] << 8);
            isa_routes[entry[3]] = (struct isa_route){ x86_read32(entry + 4), mps_flags(mps, 0) };
        }
        offset += entry_length;
    }
}

/* ---- the I/O APIC registers ---------------------------------------------------- */

static uint32_t ioapic_read(const struct ioapic *ioapic, unsigned reg)
{
    ioapic->registers[IOAPIC_REGISTER_SELECT] = reg;
    return ioapic->registers[IOAPIC_REGISTER_WINDOW];
}

static void ioapic_write(const struct ioapic *ioapic, unsigned reg, uint32_t value)
{
    ioapic->registers[IOAPIC_REGISTER_SELECT] = reg;
    ioapic->registers[IOAPIC_REGISTER_WINDOW] = value;
}

/* The I/O APIC with `line`'s pin, and the pin; NULL for a line no I/O APIC has. */
static const struct ioapic *ioapic_of(unsigned line, unsigned *pin)
{
    for (unsigned i = 0; i < ioapic_count; i++) {
        if (line >= ioapics[i].gsi_base && line - ioapics[i].gsi_base < ioapics[i].pins) {
            *pin = line - ioapics[i].gsi_base;
            return &ioapics[i];
        }
    }
    return NULL;
}

/*
 * Polarity and trigger mode of a line: an ISA IRQ's per its override
 * (ISA default: edge, active high), anything else PCI's level, active low.
 */
static uint32_t line_flags(unsigned line)
{
    for (unsigned irq = 0; irq < ISA_IRQS; irq++) {
        if (isa_routes[irq].line == line)
            return isa_routes[irq].flags;
    }
    return IOAPIC_LEVEL | IOAPIC_ACTIVE_LOW;
}

static void set_pin(unsigned line, bool masked)
{
    unsigned pin;
    const struct ioapic *ioapic = ioapic_of(line, &pin);
    if (ioapic == NULL)
        return;
    /* Fixed delivery, physical destination: this CPU's local APIC. */
    ioapic_write(ioapic, IOAPIC_REDIRECTION(pin) + 1, local_apic_id << 24);
    ioapic_write(ioapic, IOAPIC_REDIRECTION(pin),
                 (X86_VECTOR_DEVICE_FIRST + line) | line_flags(line) |
                     (masked ? IOAPIC_MASKED : 0));
}

void x86_ioapic_init(void)
{
    for (unsigned irq = 0; irq < ISA_IRQS; irq++)
        isa_routes[irq] = (struct isa_route){ irq, 0 };

    /* acpi.c found and verified the MADT; the I/O APICs and ISA overrides are in it. */
    if (x86_platform.madt != NULL)
        read_madt(x86_platform.madt, x86_platform.madt_length);
    if (ioapic_count == 0)
        add_ioapic(IOAPIC_DEFAULT_ADDRESS, 0);

    uint32_t cpuid[4];
    x86_cpuid(1, 0, cpuid);
    local_apic_id = cpuid[1] >> 24;

    for (unsigned i = 0; i < ioapic_count; i++) {
        ioapics[i].pins = ((ioapic_read(&ioapics[i], IOAPIC_VERSION) >> 16) & 0xff) + 1;
        unsigned end = ioapics[i].gsi_base + ioapics[i].pins;
        if (end > line_count)
            line_count = end;
    }
    /* Lines beyond the vectors set aside cannot be delivered: leave them out. */
    if (line_count > X86_DEVICE_VECTORS)
        line_count = X86_DEVICE_VECTORS;
    for (unsigned line = 0; line < line_count; line++)
        set_pin(line, true);
    kernel_printf("x86_64: %u I/O APIC%s, %u interrupt lines\n", ioapic_count,
                  ioapic_count == 1 ? "" : "s", line_count);
}

unsigned x86_isa_irq_line(unsigned isa_irq)
{
    return isa_routes[isa_irq].line;
}

unsigned x86_device_interrupt_accept(a9n_word_t vector)
{
    unsigned line = (unsigned)(vector - X86_VECTOR_DEVICE_FIRST);
    /* Mask before the EOI: a level-triggered line still asserted would fire again. */
    set_pin(line, true);
    x86_lapic_eoi();
    return line;
}

/* ---- hal.h ------------------------------------------------------------------------- */

unsigned hal_interrupt_count(void)
{
    return line_count;
}

void hal_interrupt_mask(unsigned line)
{
    if (line < line_count)
        set_pin(line, true);
}

void hal_interrupt_unmask(unsigned line)
{
    if (line < line_count)
        set_pin(line, false);
}
