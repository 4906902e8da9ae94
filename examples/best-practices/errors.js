// Always Handle Errors.  performOperation (abstract in the seed) fails when
// the body asks it to: POST {"fail": true} -> 500 with the error's message.
async function performOperation(body) {
  await null;
  if (body && body.fail) throw new Error('the operation was asked to fail');
  return { echoed: body ?? null };
}

module.exports = async function(req, res) {
  try {
    const result = await performOperation(req.body);
    res.json({ success: true, result });
  } catch (error) {
    console.error('Operation failed:', error);
    res.status(500).json({
      error: 'Operation failed',
      message: error.message
    });
  }
};
