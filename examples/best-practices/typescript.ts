// The seed's "Use TypeScript (If Supported)" sample, as it is written.
interface RequestBody {
email: string;
name: string;
}
module.exports = async function(
req: { body: RequestBody },
res: any
) {
const { email, name } = req.body;
// Type-safe code
};
