// helpers.js (if supported): it is — files starting with _ are never routed
// but can be required.
function validateEmail(email) {
  return email && email.includes('@');
}

function sanitizeInput(input) {
  return input.trim().substring(0, 1000);
}

module.exports = { validateEmail, sanitizeInput };
