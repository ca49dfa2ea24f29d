module.exports = {
	util: require('self-ref/util'),
	dep: require('#dep'),
	pkg: require('#pkg')
};
