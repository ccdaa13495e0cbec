-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "dutyRole" TEXT;

-- AlterTable
ALTER TABLE "Enterprise" ADD COLUMN     "dutyClasses" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "products" TEXT NOT NULL DEFAULT '[]';
